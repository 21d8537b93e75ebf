// Regenerates reference-cases.json: built-in calls evaluated by jsonata-js 2.0.6, which FunctionReferenceTests
// replays against the C# functions. Run with jsonata@2.0.6 installed next to this script (or on NODE_PATH):
//   node reference-cases.js > reference-cases.json
const jsonata = require('jsonata');

// Lone surrogates are tested in the C# tests: System.Text.Json cannot read them back from this file.
const U = { undefined: true }; // an argument that evaluates to undefined
const calls = [
  // aggregates
  ['sum', [[1, 2, 3.5]]], ['sum', [[]]], ['sum', [U]], ['sum', [5]], ['sum', [['1']]], ['sum', [[1, '2']]],
  ['count', [[1, 2]]], ['count', [U]], ['count', ['a']], ['count', [[]]],
  ['max', [[1, 5, 3]]], ['max', [[]]], ['max', [U]], ['max', [-2]], ['max', [[1, 'a']]],
  ['min', [[4, -1, 3]]], ['min', [[]]], ['average', [[1, 2, 3, 4]]], ['average', [[]]], ['average', [U]],
  // strings
  ['string', ['abc']], ['string', [12]], ['string', [0.1 + 0.2]], ['string', [1e21]], ['string', [1e-7]], ['string', [123456789012345678]],
  ['string', [true]], ['string', [null]], ['string', [[1, 'a', null, { b: [] }]]], ['string', [{ a: 1, b: [1, 2] }, true]],
  ['string', [[], true]], ['string', [{}, true]], ['string', ['\u0001"\\\n\u2028']], ['string', [U]], ['string', [-0.000001234]],
  ['string', [1.7976931348623157e308]], ['string', [5e-324]], ['string', [100]], ['string', [1e100]],
  ['substring', ['hello world', 3]], ['substring', ['hello world', 3, 5]], ['substring', ['hello world', -5]], ['substring', ['hello world', -5, 2]],
  ['substring', ['hello', -10, 3]], ['substring', ['hello', 1, -1]], ['substring', ['hello', 1.7, 2.2]], ['substring', ['\ud83d\udca9ab\ud83d\udca9c', 1, 3]],
  ['substring', ['hello', 10]], ['substring', [U, 1]], ['substring', ['hello', 0, 0]],
  ['substringBefore', ['hello world', ' ']], ['substringBefore', ['hello', 'x']], ['substringBefore', ['hello', '']], ['substringBefore', [U, 'x']],
  ['substringAfter', ['hello world', 'o']], ['substringAfter', ['hello', 'x']], ['substringAfter', ['hello', '']],
  ['lowercase', ['HeLLo ΣΑΣ İ']], ['uppercase', ['straße ﬁ ǰ ı']], ['lowercase', [U]], ['uppercase', ['ΌΣΟΣ']], ['lowercase', ['ΌΣΟΣ Σ AΣ.b']],
  ['length', ['hello']], ['length', ['\ud83d\udca9\ud83d\udca9']], ['length', ['']], ['length', [U]],
  ['trim', ['  a \t\n b  ']], ['trim', ['']], ['trim', [' ']], ['trim', ['\u00a0x ']],
  ['pad', ['foo', 6]], ['pad', ['foo', -6]], ['pad', ['foo', 6, '#']], ['pad', ['foo', -6, 'xy']], ['pad', ['foo', 2]], ['pad', ['\ud83d\udca9', 3, '\ud83d\udca9']],
  ['pad', ['foo', 5, '']], ['pad', [U, 5]],
  ['join', [['a', 'b', 'c']]], ['join', [['a', 'b'], ', ']], ['join', ['a', '-']], ['join', [[]]], ['join', [U]], ['join', [['a', 1]]],
  // matching with strings
  ['contains', ['hello', 'll']], ['contains', ['hello', 'x']], ['contains', [U, 'x']],
  ['split', ['a,b,,c', ',']], ['split', ['abc', '']], ['split', ['a,b,c', ',', 2]], ['split', ['a,b,c', ',', 0]], ['split', ['a,b,c', ',', 2.7]],
  ['split', ['a,b,c', ',', -1]], ['split', ['', ',']], ['split', ['', '']],
  ['replace', ['hello', 'l', 'L']], ['replace', ['hello', 'l', 'L', 1]], ['replace', ['hello', 'l', '$0$1', 0]], ['replace', ['hello', '', 'x']],
  ['replace', ['hello', 'l', 'x', -1]], ['replace', [U, 'l', 'x']], ['replace', ['a$b', '$', '$$']],
  // numbers
  ['number', ['12']], ['number', ['-1.5e3']], ['number', ['0x1F']], ['number', ['0b101']], ['number', ['0o17']], ['number', [' 12']], ['number', ['1e400']],
  ['number', ['abc']], ['number', ['']], ['number', [true]], ['number', [false]], ['number', [null]], ['number', [5]], ['number', ['0x1Fz']],
  ['number', ['.5']], ['number', ['5.']], ['number', ['-0']], ['number', [U]], ['number', [[1]]],
  ['abs', [-3.5]], ['abs', [U]], ['floor', [-3.5]], ['floor', [3.7]], ['ceil', [-3.5]], ['ceil', [3.2]],
  ['round', [2.5]], ['round', [3.5]], ['round', [-2.5]], ['round', [-1.5]], ['round', [1.005, 2]], ['round', [1.255, 2]], ['round', [1234.5, -2]],
  ['round', [12345, -2]], ['round', [0.5]], ['round', [-0.4]], ['round', [1.5e300, 2]], ['round', [2.675, 2]], ['round', [1e-10, 12]], ['round', [7.5, 0]],
  ['round', [4.45, 1]], ['round', [U]],
  ['sqrt', [16]], ['sqrt', [2]], ['sqrt', [-1]], ['power', [2, 10]], ['power', [2, -1]], ['power', [2, 0.5]], ['power', [-8, 1 / 3]], ['power', [10, 400]],
  ['power', [U, 2]],
  // booleans
  ['boolean', [0]], ['boolean', [1]], ['boolean', ['']], ['boolean', ['a']], ['boolean', [[]]], ['boolean', [[0]]], ['boolean', [[0, 1]]], ['boolean', [[0, '']]],
  ['boolean', [{}]], ['boolean', [{ a: 1 }]], ['boolean', [null]], ['boolean', [U]], ['boolean', [[[]]]],
  ['not', [true]], ['not', [0]], ['not', [U]], ['exists', [1]], ['exists', [U]], ['exists', [null]],
  // arrays
  ['append', [[1, 2], [3]]], ['append', [1, 2]], ['append', [U, 2]], ['append', [[1], U]], ['append', [[], []]], ['append', [{ a: 1 }, [1]]],
  ['reverse', [[1, 2, 3]]], ['reverse', [1]], ['reverse', [U]], ['reverse', [[]]],
  ['distinct', [[1, 2, 1, 'a', 'a', { x: 1 }, { x: 1 }, [1], [1]]]], ['distinct', [1]], ['distinct', [U]], ['distinct', [[]]],
  ['zip', [[1, 2, 3], [4, 5]]], ['zip', [[1, 2], 3]], ['zip', [[1, 2], U]], ['zip', [[1, 2]]],
  ['sort', [[3, 1, 2]]], ['sort', [['b', 'a', 'C']]], ['sort', [[1, 'a']]], ['sort', [[]]], ['sort', [5]], ['sort', [U]], ['sort', [[{ a: 1 }, { a: 2 }]]],
  ['sort', [['\ud83d\udca9', '\uffff', 'z']]],
  // objects
  ['keys', [{ a: 1, b: 2 }]], ['keys', [[{ a: 1 }, { b: 2, a: 3 }]]], ['keys', ['x']], ['keys', [U]], ['keys', [{}]],
  ['lookup', [{ a: 1 }, 'a']], ['lookup', [{ a: 1 }, 'b']], ['lookup', [[{ a: 1 }, { a: [2, 3] }, { b: 1 }], 'a']], ['lookup', [5, 'a']],
  ['spread', [{ a: 1, b: 2 }]], ['spread', [[{ a: 1 }, { b: 2, c: 3 }]]], ['spread', [5]], ['spread', [U]], ['spread', [[1, { a: 1 }]]],
  ['merge', [[{ a: 1, b: 2 }, { a: 3, c: 4 }]]], ['merge', [[]]], ['merge', [U]], ['merge', [{ a: 1 }]], ['merge', [[1]]],
  ['type', [1]], ['type', ['a']], ['type', [null]], ['type', [true]], ['type', [[]]], ['type', [{}]], ['type', [U]],
  ['error', ['boom']], ['error', []], ['error', ['']], ['assert', [true, 'no']], ['assert', [false, 'no']], ['assert', [false]], ['assert', [1]],
  ['clone', [{ a: [1, { b: 0.1 }] }]],
  // encoding
  ['base64encode', ['hello']], ['base64encode', ['€ä']], ['base64encode', ['']], ['base64decode', ['aGVsbG8=']], ['base64decode', ['aGV*sb G8']],
  ['base64decode', ['4oKs']], ['base64decode', ['aGVsbG8=d29y']], ['base64decode', ['0İ']], ['base64decode', ['%E2İa\ud83d\udca9b']],
  ['encodeUrlComponent', ['a b&c=d/é?\ud83d\udca9']], ['encodeUrl', ['http://x.com/a b?q=1&r=é#h']],
  ['decodeUrlComponent', ['a%20b%26%C3%A9']], ['decodeUrl', ['a%20b%26%3F%C3%A9']], ['decodeUrlComponent', ['%']], ['decodeUrlComponent', ['%C3']],
  ['decodeUrlComponent', ['%ED%A0%80']], ['decodeUrl', ['%E2%82%AC%23']], ['decodeUrlComponent', ['%c3%a9']],
  // signatures
  ['substring', [1, 2]], ['substring', ['a', 'b']], ['substring', ['abc', 1, 2, 3]], ['join', [[1, 2]]], ['sum', [['a', 'b']]],
  ['exists', []], ['lowercase', [1]], ['keys', []], ['contains', ['a', 1]], ['merge', [[{}, 1]]], ['zip', [U, U]], ['type', [U, U]],
];

// Calls with a context value and a missing argument exercise '-' in the signatures.
const contextCalls = [
  ['uppercase', [], 'abc'], ['uppercase', [], 5], ['length', [], 'héllo'], ['string', [], { a: 1 }], ['number', [], '42'], ['number', [], null],
  ['substring', [1], 'hello'], ['substring', [1, 2], 'hello'], ['power', [3], 2], ['round', [], 2.5], ['keys', [], { x: 1 }], ['lowercase', [], U],
  ['boolean', [], U], ['substringBefore', ['l'], 'hello'], ['pad', [5], 'ab'], ['trim', [], [' a ']], ['sift', [], 1],
];

function literal(value) {
  return value === U ? 'nothing' : JSON.stringify(value);
}

(async () => {
  const out = [];
  const run = async (fn, args, input, hasInput) => {
    const expr = '$' + fn + '(' + args.map(literal).join(', ') + ')';
    const entry = { fn, args: args.map(a => (a === U ? null : a)), undefinedArgs: args.map((a, i) => (a === U ? i : -1)).filter(i => i >= 0) };
    if (hasInput) {
      entry.input = input === U ? null : input;
      entry.inputUndefined = input === U;
    }
    try {
      const result = await jsonata(expr).evaluate(hasInput && input !== U ? input : undefined);
      if (result === undefined) entry.undefined = true;
      else entry.result = result;
    } catch (e) {
      entry.error = e.code || 'JS:' + e.message;
    }
    entry.expr = expr;
    out.push(entry);
  };
  for (const [fn, args] of calls) await run(fn, args, undefined, false);
  for (const [fn, args, input] of contextCalls) await run(fn, args, input, true);
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})();
