using System.Globalization;
using System.Text;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Parsing;

/// <summary>Splits an expression into tokens, one at a time, as the parser asks for them.</summary>
internal sealed class Tokenizer
{
    // '!' and '~' are no operators on their own, but they end a name (and are refused by the parser).
    private const string SingleCharOperators = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    private static readonly string[] DoubleCharOperators = ["..", ":=", "!=", ">=", "<=", "**", "~>"];

    private readonly string _source;
    private int _position;

    public Tokenizer(string source)
    {
        _source = source;
    }

    /// <summary>
    /// Reads the next token, or null at the end. <paramref name="infix"/> is true where an operator is expected,
    /// so that <c>/</c> is division there and starts a regex literal elsewhere.
    /// </summary>
    public Token? Next(bool infix)
    {
        SkipWhitespaceAndComments();
        if (_position >= _source.Length)
        {
            return null;
        }

        var current = _source[_position];
        if (!infix && current == '/')
        {
            _position++;
            return ReadRegex();
        }

        foreach (var op in DoubleCharOperators)
        {
            if (string.CompareOrdinal(_source, _position, op, 0, 2) == 0)
            {
                _position += 2;
                return new Token(TokenType.Operator, op, op, _position);
            }
        }

        if (SingleCharOperators.Contains(current, StringComparison.Ordinal))
        {
            _position++;
            var text = current.ToString();
            return new Token(TokenType.Operator, text, text, _position);
        }

        if (current is '"' or '\'')
        {
            return ReadString(current);
        }

        if (char.IsAsciiDigit(current))
        {
            return ReadNumber();
        }

        if (current == '`')
        {
            var end = _source.IndexOf('`', _position + 1);
            if (end < 0)
            {
                _position = _source.Length;
                throw new JsonataException("S0105", "Quoted property name must be terminated with a backquote (`)", _position);
            }

            var name = _source.Substring(_position + 1, end - _position - 1);
            _position = end + 1;
            return new Token(TokenType.Name, name, name, _position);
        }

        return ReadNameOrVariable();
    }

    private void SkipWhitespaceAndComments()
    {
        while (_position < _source.Length)
        {
            var current = _source[_position];
            if (current is ' ' or '\t' or '\n' or '\r' or '\v')
            {
                _position++;
            }
            else if (current == '/' && _position + 1 < _source.Length && _source[_position + 1] == '*')
            {
                var end = _source.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    _position = _source.Length;
                    throw new JsonataException("S0106", "Comment has no closing tag", _position);
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private Token ReadRegex()
    {
        var start = _position;
        var depth = 0;
        while (_position < _source.Length)
        {
            var current = _source[_position];
            if (current == '/' && depth == 0 && !IsEscaped())
            {
                var pattern = _source[start.._position];
                if (pattern.Length == 0)
                {
                    throw new JsonataException("S0301", "Empty regular expressions are not allowed", _position);
                }

                _position++;
                var flagsStart = _position;
                while (_position < _source.Length && _source[_position] is 'i' or 'm')
                {
                    _position++;
                }

                var flags = _source[flagsStart.._position];
                return new Token(TokenType.Regex, pattern, new JsonataRegex(pattern, flags), _position);
            }

            // Brackets count only when the character before is not a backslash (as jsonata-js does).
            var previousIsBackslash = _position > 0 && _source[_position - 1] == '\\';
            if (current is '(' or '[' or '{' && !previousIsBackslash)
            {
                depth++;
            }
            else if (current is ')' or ']' or '}' && !previousIsBackslash)
            {
                depth--;
            }

            _position++;
        }

        throw new JsonataException("S0302", "No terminating / in regular expression", _position);
    }

    // A character is escaped when an odd number of backslashes precede it.
    private bool IsEscaped()
    {
        var count = 0;
        for (var i = _position - 1; i >= 0 && _source[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private Token ReadString(char quote)
    {
        _position++;
        var builder = new StringBuilder();
        while (_position < _source.Length)
        {
            var current = _source[_position];
            if (current == '\\')
            {
                _position++;
                if (_position >= _source.Length)
                {
                    break;
                }

                current = _source[_position];
                switch (current)
                {
                    case '"':
                    case '\\':
                    case '/':
                        builder.Append(current);
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u':
                        if (_position + 4 < _source.Length
                            && int.TryParse(_source.AsSpan(_position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            builder.Append((char)code);
                            _position += 4;
                            break;
                        }

                        throw new JsonataException("S0104", "The escape sequence \\u must be followed by 4 hex digits", _position);
                    default:
                        throw new JsonataException("S0103", $"Unsupported escape sequence: \\{current}", _position, current.ToString());
                }
            }
            else if (current == quote)
            {
                _position++;
                var text = builder.ToString();
                return new Token(TokenType.String, text, text, _position);
            }
            else
            {
                builder.Append(current);
            }

            _position++;
        }

        throw new JsonataException("S0101", "String literal must be terminated by a matching quote", _position);
    }

    private Token ReadNumber()
    {
        var start = _position;
        if (_source[_position] == '0')
        {
            _position++;
        }
        else
        {
            while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
            {
                _position++;
            }
        }

        if (_position + 1 < _source.Length && _source[_position] == '.' && char.IsAsciiDigit(_source[_position + 1]))
        {
            _position++;
            while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
            {
                _position++;
            }
        }

        if (_position < _source.Length && _source[_position] is 'e' or 'E')
        {
            var exponent = _position + 1;
            if (exponent < _source.Length && _source[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < _source.Length && char.IsAsciiDigit(_source[exponent]))
            {
                _position = exponent;
                while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
                {
                    _position++;
                }
            }
        }

        var text = _source[start.._position];
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(number) || double.IsNaN(number))
        {
            throw new JsonataException("S0102", $"Number out of range: {text}", _position, text);
        }

        return new Token(TokenType.Number, text, number, _position);
    }

    private Token? ReadNameOrVariable()
    {
        var start = _position;
        var end = start;
        while (end < _source.Length)
        {
            var current = _source[end];
            if (current is ' ' or '\t' or '\n' or '\r' or '\v' || SingleCharOperators.Contains(current, StringComparison.Ordinal))
            {
                break;
            }

            end++;
        }

        _position = end;
        if (_source[start] == '$')
        {
            var variable = _source[(start + 1)..end];
            return new Token(TokenType.Variable, variable, variable, _position);
        }

        var name = _source[start..end];
        return name switch
        {
            "and" or "or" or "in" => new Token(TokenType.Operator, name, name, _position),
            "true" => new Token(TokenType.Value, name, JsonataValue.True, _position),
            "false" => new Token(TokenType.Value, name, JsonataValue.False, _position),
            "null" => new Token(TokenType.Value, name, JsonNull.Value, _position),
            _ => end == _source.Length && name.Length == 0 ? null : new Token(TokenType.Name, name, name, _position),
        };
    }
}
