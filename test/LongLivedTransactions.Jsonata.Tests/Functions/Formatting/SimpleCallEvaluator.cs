using System.Globalization;
using System.Text;
using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions.Formatting;

/// <summary>
/// Evaluates the small subset of JSONata the conformance cases of the picture-string functions use: literals,
/// multiplication, negation, field names, function calls, <c>~&gt;</c> chains and a block of <c>$v := ...</c>
/// bindings. Anything else is reported as unsupported so the case waits for the real evaluator.
/// </summary>
internal sealed class SimpleCallEvaluator
{
    private readonly string _text;
    private readonly object? _input;
    private readonly FunctionLibrary _library;
    private readonly FunctionCallContext _context;
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);
    private int _position;

    private SimpleCallEvaluator(string text, object? input, FunctionLibrary library, FunctionCallContext context)
    {
        _text = text;
        _input = input;
        _library = library;
        _context = context;
    }

    /// <summary>Evaluates <paramref name="expression"/>; throws <see cref="NotSupportedException"/> outside the subset.</summary>
    public static object? Evaluate(string expression, object? input, FunctionLibrary library, FunctionCallContext context)
    {
        var evaluator = new SimpleCallEvaluator(expression, input, library, context);
        var result = evaluator.Block();
        evaluator.SkipSpace();
        if (evaluator._position != expression.Length)
        {
            throw new NotSupportedException($"Unexpected text at {evaluator._position}");
        }

        return result;
    }

    private object? Block()
    {
        SkipSpace();
        if (Peek('(') && !PeekAt(1, ')'))
        {
            var save = _position;
            _position++;
            object? result = null;
            do
            {
                result = Statement();
                SkipSpace();
            }
            while (Accept(';'));

            if (!Accept(')'))
            {
                _position = save;
                return Chain();
            }

            return ContinueChain(result);
        }

        return Chain();
    }

    private object? Statement()
    {
        SkipSpace();
        var save = _position;
        if (Accept('$'))
        {
            var name = Identifier();
            SkipSpace();
            if (Accept(":="))
            {
                var value = Chain();
                _variables[name] = value;
                return value;
            }
        }

        _position = save;
        return Chain();
    }

    private object? Chain() => ContinueChain(Product());

    private object? ContinueChain(object? value)
    {
        SkipSpace();
        while (Accept("~>"))
        {
            SkipSpace();
            Expect('$');
            var name = Identifier();
            var arguments = Arguments();
            arguments.Insert(0, value);
            value = Call(name, arguments);
            SkipSpace();
        }

        return value;
    }

    private object? Product()
    {
        var value = Unary();
        SkipSpace();
        while (Accept('*'))
        {
            var right = Unary();
            value = value is double a && right is double b ? a * b : throw new NotSupportedException("Non-number product");
            SkipSpace();
        }

        return value;
    }

    private object? Unary()
    {
        SkipSpace();
        if (Accept('-'))
        {
            return Unary() is double number ? -number : throw new NotSupportedException("Non-number negation");
        }

        return Primary();
    }

    private object? Primary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw new NotSupportedException("Unexpected end");
        }

        var character = _text[_position];
        if (character == '(')
        {
            _position++;
            SkipSpace();
            if (Accept(')'))
            {
                return null;
            }

            var inner = Block();
            SkipSpace();
            Expect(')');
            return inner;
        }

        if (character is '"' or '\'')
        {
            return StringLiteral();
        }

        if (char.IsAsciiDigit(character))
        {
            return NumberLiteral();
        }

        if (character == '{')
        {
            return ObjectLiteral();
        }

        if (character == '$')
        {
            _position++;
            var name = Identifier();
            SkipSpace();
            if (Peek('('))
            {
                return Call(name, Arguments());
            }

            return _variables.TryGetValue(name, out var value) ? value : throw new NotSupportedException($"Variable ${name}");
        }

        if (char.IsLetter(character))
        {
            var field = Identifier();
            SkipSpace();
            if (Peek('.') || Peek('['))
            {
                throw new NotSupportedException("Paths");
            }

            return _input is OrderedDictionary<string, object?> map && map.TryGetValue(field, out var item) ? item : null;
        }

        throw new NotSupportedException($"Unexpected '{character}'");
    }

    private List<object?> Arguments()
    {
        Expect('(');
        var arguments = new List<object?>();
        SkipSpace();
        if (Accept(')'))
        {
            return arguments;
        }

        do
        {
            arguments.Add(Block());
            SkipSpace();
        }
        while (Accept(','));

        Expect(')');
        return arguments;
    }

    private object? Call(string name, List<object?> arguments)
    {
        if (!_library.TryGet(name, out var function) || function is not NativeFunction native)
        {
            throw new NotSupportedException($"Function ${name}");
        }

        // Undefined trailing arguments count as absent, as they would after signature validation.
        return native.Implementation([.. arguments], _context);
    }

    private OrderedDictionary<string, object?> ObjectLiteral()
    {
        Expect('{');
        var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        SkipSpace();
        if (Accept('}'))
        {
            return map;
        }

        do
        {
            SkipSpace();
            var key = StringLiteral();
            SkipSpace();
            Expect(':');
            map[key] = Block();
            SkipSpace();
        }
        while (Accept(','));

        Expect('}');
        return map;
    }

    private double NumberLiteral()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        if (_position < _text.Length && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            _position++;
            if (_text[_position] is '+' or '-')
            {
                _position++;
            }

            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }

        return double.Parse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private string StringLiteral()
    {
        var quote = _text[_position++];
        var builder = new StringBuilder();
        while (_text[_position] != quote)
        {
            var character = _text[_position++];
            if (character != '\\')
            {
                builder.Append(character);
                continue;
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case 'n':
                    builder.Append('\n');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'u':
                    builder.Append((char)int.Parse(_text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _position += 4;
                    break;
                default:
                    builder.Append(escaped);
                    break;
            }
        }

        _position++;
        return builder.ToString();
    }

    private string Identifier()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool Peek(char character) => _position < _text.Length && _text[_position] == character;

    private bool PeekAt(int offset, char character)
    {
        var index = _position + offset;
        while (index < _text.Length && char.IsWhiteSpace(_text[index]))
        {
            index++;
        }

        return index < _text.Length && _text[index] == character;
    }

    private bool Accept(char character)
    {
        if (Peek(character))
        {
            _position++;
            return true;
        }

        return false;
    }

    private bool Accept(string token)
    {
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }

        return false;
    }

    private void Expect(char character)
    {
        if (!Accept(character))
        {
            throw new NotSupportedException($"Expected '{character}' at {_position}");
        }
    }
}
