using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.Intrinsics;

/// <summary>
/// Reads <c>States.Name(arg, ...)</c>. Arguments are quoted strings (escapes <c>\'</c>, <c>\{</c>,
/// <c>\}</c>, <c>\\</c>), numbers, <c>true</c>, <c>false</c>, <c>null</c>, paths (<c>$.x</c>,
/// <c>$$.x</c>, <c>$var</c>) and nested calls (up to 10 levels, as AWS allows).
/// </summary>
internal sealed class IntrinsicParser
{
    private const int MaxNesting = 10;
    private readonly string _text;
    private int _position;

    private IntrinsicParser(string text)
    {
        _text = text;
    }

    public static IntrinsicFunctionCall Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new IntrinsicParser(text);
        parser.SkipBlanks();
        var call = parser.ReadCall(depth: 1);
        parser.SkipBlanks();
        if (parser._position != text.Length)
        {
            throw parser.Fail($"unexpected text after the closing parenthesis at position {parser._position}");
        }

        return call;
    }

    private IntrinsicFunctionCall ReadCall(int depth)
    {
        if (depth > MaxNesting)
        {
            throw Fail($"more than {MaxNesting} nested intrinsic functions");
        }

        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        var name = _text[start.._position];
        if (!IntrinsicFunctions.TryGetFunction(name, out var function))
        {
            throw Fail($"'{name}' is not a supported intrinsic function");
        }

        SkipBlanks();
        Expect('(');
        var arguments = new List<IntrinsicArgument>();
        SkipBlanks();
        if (Current == ')')
        {
            _position++;
            return new IntrinsicFunctionCall(name, function, arguments);
        }

        while (true)
        {
            SkipBlanks();
            arguments.Add(ReadArgument(depth));
            SkipBlanks();
            if (Current == ',')
            {
                _position++;
                continue;
            }

            Expect(')');
            return new IntrinsicFunctionCall(name, function, arguments);
        }
    }

    private IntrinsicArgument ReadArgument(int depth)
    {
        var c = Current;
        if (c == '\'')
        {
            return ReadString();
        }

        if (c == '$')
        {
            return ReadPath();
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (StartsWithWord("States."))
        {
            return new CallArgument(ReadCall(depth + 1));
        }

        if (TryReadWord("true"))
        {
            return new LiteralArgument(JsonValue.Create(true));
        }

        if (TryReadWord("false"))
        {
            return new LiteralArgument(JsonValue.Create(false));
        }

        if (TryReadWord("null"))
        {
            return new LiteralArgument(null);
        }

        throw Fail(c == '\0' ? "unexpected end of text" : $"unexpected character '{c}' at position {_position}");
    }

    private StringArgument ReadString()
    {
        var opening = _position;
        _position++;
        var value = new StringBuilder();
        var part = new StringBuilder();
        var parts = new List<string?>();
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\\' && _position + 1 < _text.Length)
            {
                var escaped = _text[_position + 1];
                if (escaped is '\'' or '{' or '}' or '\\')
                {
                    value.Append(escaped);
                    part.Append(escaped);
                }
                else
                {
                    value.Append(c).Append(escaped);
                    part.Append(c).Append(escaped);
                }

                _position += 2;
                continue;
            }

            if (c == '\'')
            {
                _position++;
                parts.Add(part.ToString());
                return new StringArgument(value.ToString(), parts);
            }

            if (c == '{' && _position + 1 < _text.Length && _text[_position + 1] == '}')
            {
                parts.Add(part.ToString());
                parts.Add(null);
                part.Clear();
                value.Append("{}");
                _position += 2;
                continue;
            }

            value.Append(c);
            part.Append(c);
            _position++;
        }

        throw Fail($"the string starting at position {opening} is not closed");
    }

    private PathArgument ReadPath()
    {
        var start = _position;
        var depth = 0;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is '\'' or '"')
            {
                var end = IndexOfUnescaped(_position + 1, c);
                if (end < 0)
                {
                    throw Fail($"unclosed quote in path at position {_position}");
                }

                _position = end + 1;
                continue;
            }

            if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }

            _position++;
        }

        var path = _text[start.._position].TrimEnd();
        if (!JsonPathExpression.TryParse(path, out _))
        {
            throw Fail($"'{path}' is not a valid path");
        }

        return new PathArgument(path);
    }

    private int IndexOfUnescaped(int from, char quote)
    {
        for (var i = from; i < _text.Length; i++)
        {
            if (_text[i] == '\\')
            {
                i++;
            }
            else if (_text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private LiteralArgument ReadNumber()
    {
        var start = _position;
        if (Current == '-')
        {
            _position++;
        }

        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
            || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        var text = _text[start.._position];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Fail($"'{text}' is not a number");
        }

        try
        {
            return new LiteralArgument(JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new IntrinsicSyntaxException($"Invalid intrinsic function call '{_text}': '{text}' is not a number", exception);
        }
    }

    private bool StartsWithWord(string word) => string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0;

    private bool TryReadWord(string word)
    {
        if (!StartsWithWord(word))
        {
            return false;
        }

        var end = _position + word.Length;
        if (end < _text.Length && char.IsAsciiLetterOrDigit(_text[end]))
        {
            return false;
        }

        _position = end;
        return true;
    }

    private void Expect(char expected)
    {
        if (Current != expected)
        {
            throw Fail(Current == '\0'
                ? $"expected '{expected}' but the text ended"
                : $"expected '{expected}' at position {_position} but found '{Current}'");
        }

        _position++;
    }

    private void SkipBlanks()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private IntrinsicSyntaxException Fail(string reason) => new($"Invalid intrinsic function call '{_text}': {reason}");
}
