using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

/// <summary>
/// Parses the inside of <c>[?( ... )]</c> with Jayway's filter grammar:
/// <c>||</c> binds weaker than <c>&amp;&amp;</c>, <c>!</c> negates a parenthesised expression or a path's
/// existence, and a path alone tests that the value exists.
/// </summary>
internal sealed class FilterParser
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private readonly string _text;
    private int _position;

    private FilterParser(string text)
    {
        _text = text;
    }

    public static FilterExpression Parse(string text)
    {
        var parser = new FilterParser(text);
        var expression = parser.ReadOr();
        parser.SkipBlanks();
        if (parser._position < text.Length)
        {
            throw parser.Fail($"Unexpected character '{text[parser._position]}' at position {parser._position}");
        }

        return expression;
    }

    private FilterExpression ReadOr()
    {
        var left = ReadAnd();
        while (TryRead("||"))
        {
            left = new OrFilter(left, ReadAnd());
        }

        return left;
    }

    private FilterExpression ReadAnd()
    {
        var left = ReadUnary();
        while (TryRead("&&"))
        {
            left = new AndFilter(left, ReadUnary());
        }

        return left;
    }

    private FilterExpression ReadUnary()
    {
        SkipBlanks();
        if (Current == '!')
        {
            var save = _position;
            _position++;
            SkipBlanks();
            if (Current is '@' or '$')
            {
                // "!@.a" is a negated existence test, read as a value below.
                _position = save;
            }
            else
            {
                return new NotFilter(ReadUnary());
            }
        }

        if (Current == '(')
        {
            _position++;
            var inner = ReadOr();
            SkipBlanks();
            if (Current != ')')
            {
                throw Fail($"Expected ')' at position {_position}");
            }

            _position++;
            return inner;
        }

        return ReadRelational();
    }

    private FilterExpression ReadRelational()
    {
        var (left, negatedPath) = ReadOperand();
        SkipBlanks();
        if (TryReadOperator(out var op))
        {
            if (negatedPath)
            {
                throw Fail("'!' can only negate the existence of a path");
            }

            var (right, rightNegated) = ReadOperand();
            if (rightNegated)
            {
                throw Fail("'!' can only negate the existence of a path");
            }

            return new ComparisonFilter(left, op, right);
        }

        if (left is not PathOperand)
        {
            throw Fail($"Expected a comparison operator at position {_position}");
        }

        return new ExistsFilter(((PathOperand)left).Path, shouldExist: !negatedPath);
    }

    private (FilterOperand Operand, bool NegatedPath) ReadOperand()
    {
        SkipBlanks();
        var negated = false;
        if (Current == '!')
        {
            negated = true;
            _position++;
            SkipBlanks();
        }

        var c = Current;
        if (c is '@' or '$')
        {
            return (ReadPath(), negated);
        }

        if (negated)
        {
            throw Fail($"Expected a path after '!' at position {_position}");
        }

        FilterOperand operand = c switch
        {
            '\'' or '"' => new LiteralOperand(JsonValue.Create(ReadString(c))),
            '/' => new RegexOperand(ReadRegex()),
            '[' => new LiteralOperand(ReadJsonLiteral(FilterText.IndexOfClosingSquareBracket(_text, _position))),
            '{' => new LiteralOperand(ReadJsonLiteral(FilterText.IndexOfClosingBrace(_text, _position))),
            _ when c == '-' || char.IsAsciiDigit(c) => new LiteralOperand(ReadNumber()),
            _ when StartsWithWord("true") => ReadWord("true", JsonValue.Create(true)),
            _ when StartsWithWord("false") => ReadWord("false", JsonValue.Create(false)),
            _ when StartsWithWord("null") => ReadWord("null", null),
            _ => throw Fail($"Unexpected character '{c}' at position {_position}"),
        };
        return (operand, false);
    }

    private PathOperand ReadPath()
    {
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '[')
            {
                var close = FilterText.IndexOfClosingSquareBracket(_text, _position);
                if (close < 0)
                {
                    throw Fail($"Unclosed '[' at position {_position}");
                }

                _position = close + 1;
                continue;
            }

            if (c == '(')
            {
                var close = FilterText.IndexOfClosingParenthesis(_text, _position);
                if (close < 0)
                {
                    throw Fail($"Unclosed '(' at position {_position}");
                }

                _position = close + 1;
                continue;
            }

            if (c is ' ' or ')' or '<' or '>' or '=' or '~' or '!' || IsLogicalOperatorAt(_position))
            {
                break;
            }

            _position++;
        }

        var pathText = _text[start.._position];
        try
        {
            return new PathOperand(JsonPathExpression.ParseInFilter(pathText));
        }
        catch (JsonPathSyntaxException exception)
        {
            throw new JsonPathSyntaxException($"Invalid path '{pathText}' in filter '{_text}'", exception);
        }
    }

    private bool IsLogicalOperatorAt(int index) =>
        index + 1 < _text.Length && ((_text[index] == '&' && _text[index + 1] == '&') || (_text[index] == '|' && _text[index + 1] == '|'));

    private string ReadString(char quote)
    {
        var end = FilterText.IndexOfUnescaped(_text, _position + 1, quote);
        if (end < 0)
        {
            throw Fail($"String literal at position {_position} is not closed");
        }

        var value = Unescape(_text[(_position + 1)..end]);
        _position = end + 1;
        return value;
    }

    /// <summary>Java-style escapes in filter strings: \' \" \\ \/ \b \f \n \r \t \uXXXX.</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when i + 4 < text.Length
                    && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(next); break;
            }
        }

        return builder.ToString();
    }

    private Regex ReadRegex()
    {
        var end = FilterText.IndexOfUnescaped(_text, _position + 1, '/');
        if (end < 0)
        {
            throw Fail($"Regular expression at position {_position} is not closed");
        }

        var pattern = _text[(_position + 1)..end];
        _position = end + 1;
        var options = RegexOptions.CultureInvariant;
        while (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
        {
            options |= _text[_position] switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => RegexOptions.None,
            };
            _position++;
        }

        try
        {
            // Jayway matches the whole input (Matcher.matches), not a substring.
            return new Regex($"\\A(?:{pattern})\\z", options, RegexTimeout);
        }
        catch (ArgumentException exception)
        {
            throw new JsonPathSyntaxException($"Invalid regular expression /{pattern}/ in filter '{_text}'", exception);
        }
    }

    private JsonNode? ReadJsonLiteral(int close)
    {
        if (close < 0)
        {
            throw Fail($"JSON literal at position {_position} is not closed");
        }

        var literal = _text[_position..(close + 1)];
        _position = close + 1;
        try
        {
            // Jayway's JSON parser also takes single-quoted strings: ['a','b'].
            return JsonNode.Parse(SingleQuotesToDouble(literal));
        }
        catch (JsonException exception)
        {
            throw new JsonPathSyntaxException($"Invalid JSON literal {literal} in filter '{_text}'", exception);
        }
    }

    private static string SingleQuotesToDouble(string literal)
    {
        if (!literal.Contains('\'', StringComparison.Ordinal))
        {
            return literal;
        }

        var builder = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == '"')
            {
                var end = FilterText.IndexOfUnescaped(literal, i + 1, '"');
                end = end < 0 ? literal.Length - 1 : end;
                builder.Append(literal, i, end - i + 1);
                i = end;
            }
            else if (c == '\'')
            {
                var end = FilterText.IndexOfUnescaped(literal, i + 1, '\'');
                end = end < 0 ? literal.Length : end;
                var content = Unescape(literal[(i + 1)..end]);
                builder.Append(JsonValue.Create(content).ToJsonString());
                i = end;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private JsonNode ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '-' or '.' or 'e' or 'E' or '+'))
        {
            _position++;
        }

        var text = _text[start.._position];
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Fail($"Invalid number '{text}' at position {start}");
        }

        return JsonNode.Parse(text)!;
    }

    private bool StartsWithWord(string word) =>
        string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0
        && (_position + word.Length >= _text.Length || !char.IsAsciiLetterOrDigit(_text[_position + word.Length]));

    private LiteralOperand ReadWord(string word, JsonNode? value)
    {
        _position += word.Length;
        return new LiteralOperand(value);
    }

    private bool TryReadOperator(out FilterOperator op)
    {
        op = default;
        var start = _position;
        var end = start;
        if (end < _text.Length && _text[end] is '<' or '>' or '=' or '~' or '!')
        {
            while (end < _text.Length && _text[end] is '<' or '>' or '=' or '~' or '!')
            {
                end++;
            }
        }
        else
        {
            while (end < _text.Length && char.IsAsciiLetter(_text[end]))
            {
                end++;
            }
        }

        if (end == start)
        {
            return false;
        }

        FilterOperator? parsed = _text[start..end].ToLowerInvariant() switch
        {
            "==" => FilterOperator.Equal,
            "!=" => FilterOperator.NotEqual,
            "<" => FilterOperator.Less,
            "<=" => FilterOperator.LessOrEqual,
            ">" => FilterOperator.Greater,
            ">=" => FilterOperator.GreaterOrEqual,
            "=~" => FilterOperator.RegexMatch,
            "in" => FilterOperator.In,
            "nin" => FilterOperator.NotIn,
            "subsetof" => FilterOperator.SubsetOf,
            "anyof" => FilterOperator.AnyOf,
            "noneof" => FilterOperator.NoneOf,
            "size" => FilterOperator.Size,
            "empty" => FilterOperator.Empty,
            "contains" => FilterOperator.Contains,
            _ => null,
        };
        if (parsed is null)
        {
            throw Fail($"Filter operator {_text[start..end]} is not supported!");
        }

        op = parsed.Value;
        _position = end;
        return true;
    }

    private bool TryRead(string token)
    {
        SkipBlanks();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }

        return false;
    }

    private void SkipBlanks()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private JsonPathSyntaxException Fail(string message) => new($"Invalid filter '{_text}': {message}");
}
