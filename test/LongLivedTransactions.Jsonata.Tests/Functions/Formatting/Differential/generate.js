// Regenerates cases.jsonl: random calls of the picture-string functions and what jsonata-js 2.0.6 returns.
// Usage: node generate.js [seed] [count-per-function] > cases.jsonl   (needs `npm install jsonata@2.0.6` nearby)
'use strict';
const jsonata = require('jsonata');

const seed = Number(process.argv[2] || 20240615);
const count = Number(process.argv[3] || 400);
let state = seed >>> 0;
function random() {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const int = (low, high) => low + Math.floor(random() * (high - low + 1));
const repeat = (text, n) => new Array(n + 1).join(text);

function number() {
  switch (int(0, 6)) {
    case 0: return int(0, 100);
    case 1: return int(-100000, 100000);
    case 2: return Math.round(random() * 1e6) / 1000;
    case 3: return (random() - 0.5) * Math.pow(10, int(-8, 22));
    case 4: return int(0, 9) + pick([0.5, 0.05, 0.005, 0.125, 0.375, 0.0005]);
    case 5: return Number((random() * 1000).toFixed(int(0, 6)));
    default: return int(1, 999) * Math.pow(10, int(-3, 15));
  }
}

function numberPicture() {
  const prefix = pick(['', '', '$', 'PRE ', '(']);
  const suffix = pick(['', '', ' units', ')', '%', '\u2030']);
  let integer = repeat('#', int(0, 3)) + repeat('0', int(0, 4));
  if (integer.length === 0) integer = pick(['0', '#']);
  if (random() < 0.4 && integer.length > 1) {
    const at = int(1, integer.length - 1);
    integer = integer.slice(0, at) + ',' + integer.slice(at);
  }
  if (random() < 0.2) integer = '#,###,' + repeat('#', int(0, 2)) + '0';
  let fraction = '';
  if (random() < 0.7) fraction = '.' + repeat('0', int(0, 4)) + repeat('#', int(0, 3));
  let exponent = '';
  if (random() < 0.15 && suffix !== '%' && suffix !== '\u2030') exponent = 'e' + repeat('0', int(1, 3));
  return prefix + integer + fraction + exponent + suffix;
}

function integerPicture() {
  return pick(['0', '00', '000', '0000', '#0', '##0', '#,##0', '#,###', '0;o', '#0;o', 'w', 'W', 'Ww', 'w;o', 'W;o',
    'Ww;o', 'i', 'I', 'a', 'A', '#,##,##0', '0 000', '٠', '#,##٠', '０٠', '#', 'x', '0,000;o', '00:00', '#.##0']);
}

const components = ['Y', 'M', 'D', 'd', 'F', 'W', 'w', 'X', 'x', 'H', 'h', 'P', 'm', 's', 'f', 'Z', 'z', 'C', 'E'];
function marker() {
  const component = pick(components);
  let presentation = pick(['', '', '1', '01', '001', '0001', '#1', 'w', 'W', 'Ww', 'i', 'I', 'a', 'A', 'N', 'n', 'Nn']);
  if (component === 'Z' || component === 'z') presentation = pick(['', '01:01', '0', '00', '0000', '01:01t', '0t', '0101t']);
  if (component === 'P') presentation = pick(['', 'n', 'N', 'Nn']);
  if ((component === 'M' || component === 'F' || component === 'x') && random() < 0.3) presentation = pick(['N', 'n', 'Nn']);
  const modifier = presentation !== '' && random() < 0.2 ? pick(['o', 'c']) : '';
  const width = random() < 0.2 ? ',' + pick(['2', '3-3', '*-3', '2-2', '1-*', '4']) : '';
  return '[' + component + presentation + modifier + width + ']';
}

function dateTimePicture() {
  let picture = '';
  const n = int(1, 5);
  for (let i = 0; i < n; i++) picture += (i > 0 ? pick(['-', ' ', '/', ':', ', ', 'T']) : '') + marker();
  return picture;
}

const timezones = [undefined, undefined, '0000', '+0100', '-0500', '+0530', '-0930', '+1400', '-0030'];
const millis = () => pick([int(-2e12, 4e12), int(0, 2e12), int(-62e12, 250e12), Date.UTC(int(1900, 2100), int(0, 11), int(1, 31))]);

const parsePictures = ['[Y0001]-[M01]-[D01]', '[Y]-[M]-[D] [H]:[m]', '[D1o] [MNn] [Y0001]', '[D01]/[M01]/[Y0001] [H01]:[m01]:[s01]',
  '[Y0001]-[d001]', '[FNn], [D1o] [MNn] [Y]', '[Dw] [MNn,3-3] [Yw]', '[D1] [Mi] [YI]', '[Y0001][M01][D01]T[H01][m01][s01]',
  '[D]/[M]/[Y] [h]:[m] [P]', '[Y]-[M01]-[D01] [H01]:[m01]:[s01].[f001] [Z]', '[Y]-[M]-[D]T[H]:[m]:[s][Z0101]',
  '[Y0001]-[M01]-[D01] [H01]:[m01] [z]', '[Da] [MA] [Y]', '[Y,2]-[M01]', '[MNn] [Y]'];

const calls = [];
for (let i = 0; i < count; i++) {
  const picture = numberPicture();
  let value = number();
  if (/e0/.test(picture) && !(value > 0)) value = Math.abs(value) || 1; // jsonata-js loops forever on these
  calls.push(['formatNumber', [value, picture]]);
  calls.push(['formatInteger', [pick([number(), int(-1000, 1000), int(0, 1e6)]), integerPicture()]]);
  calls.push(['formatBase', [pick([number(), int(-1e6, 1e6)]), pick([undefined, int(2, 36), int(2, 36), 1, 37, 2.5, 35.5])]]);
  calls.push(['fromMillis', [millis(), pick([undefined, dateTimePicture(), dateTimePicture()]), pick(timezones)]]);
}

// Free-form pictures, mostly invalid, to compare error codes and edge cases.
const garbage = (alphabet, length) => Array.from({ length: int(1, length) }, () => pick(alphabet)).join('');
const numberOptions = () => pick([undefined, undefined, { 'decimal-separator': ',', 'grouping-separator': '.' },
  { 'zero-digit': '٠' }, { 'zero-digit': 'A' }, { percent: 'pct' }, { 'exponent-separator': 'E' }, { 'minus-sign': '−' },
  { 'per-mille': 'pm', digit: 'X' }, { 'pattern-separator': '|' }]);
for (let i = 0; i < count; i++) {
  const options = numberOptions();
  const picture = random() < 0.5 ? garbage(['#', '0', '0', ',', '.', ';', '%', '‰', 'e', '9', 'x', ' ', '|', 'E'], 9)
    : numberPicture() + pick([';', ';-', ';(']) + numberPicture();
  calls.push(['formatNumber', options ? [Math.abs(number()) || 1, picture, options] : [Math.abs(number()) || 1, picture]]);
  calls.push(['formatInteger', [pick([number(), int(-1000, 100000)]), garbage(['0', '#', ',', ';', 'o', 'w', 'W', ' ', '1', '١', ':', 'c'], 7)]]);
  calls.push(['fromMillis', [millis(), garbage(['[', ']', 'Y', 'M', 'D', 'd', 'F', 'H', 'h', 'm', 's', 'f', 'Z', 'z', 'P', 'W', 'w', 'x', 'X',
    'E', 'C', 'q', '0', '1', '#', ',', '-', '*', 'N', 'n', 'o', 't', ' ', ':', 'I', 'a'], 14), pick(timezones)]]);
  calls.push(['parseInteger', [garbage(['1', '2', '0', ',', 'one', ' hundred', ' and ', 'th', 'x', 'v', 'I', 'X'], 5), integerPicture()]]);
}

const evaluateCall = (name, args) => jsonata('$' + name + '(' + args.map((_, i) => '$a' + i).join(', ') + ')')
  .evaluate({}, Object.fromEntries(args.map((value, i) => ['a' + i, value])));

(async () => {
  // $parseInteger and $toMillis read back what the formatting functions wrote.
  for (let i = 0; i < count; i++) {
    const picture = integerPicture();
    const value = pick([int(0, 5000), int(0, 1e9), int(1, 30)]);
    let text;
    try { text = await evaluateCall('formatInteger', [value, picture]); } catch (e) { text = String(value); }
    calls.push(['parseInteger', [text, picture]]);
    const datePicture = pick(parsePictures);
    let stamp;
    try { stamp = await evaluateCall('fromMillis', [int(-2e12, 4e12), datePicture, pick(timezones)]); } catch (e) { stamp = '2018-01-01'; }
    calls.push(['toMillis', [stamp, datePicture]]);
    calls.push(['toMillis', [await evaluateCall('fromMillis', [millis(), undefined, pick(timezones)])]]);
  }

  for (const [name, rawArgs] of calls) {
    // Beyond 26^14 the letters' place values are inexact, and V8's Math.pow rounds them differently from .NET's.
    if (name === 'parseInteger' && /^[aA]$/.test(rawArgs[1]) && rawArgs[0].length > 14) continue;
    const args = rawArgs.slice();
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    const line = { fn: name, args };
    try {
      const result = await evaluateCall(name, args);
      if (typeof result === 'number' && isNaN(result)) line.nan = true; else line.result = result;
    } catch (error) {
      // A JavaScript failure (stack overflow, TypeError) is no defined behaviour: only a clean refusal is expected.
      if (error.code) line.code = error.code; else line.jsError = error.message;
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
})();
