using System.Globalization;
using LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath;

/// <summary>The result of parsing a path: where it starts and its steps.</summary>
internal sealed record ParsedPath(JsonPathRoot Root, string? VariableName, IReadOnlyList<PathSegment> Segments);

/// <summary>
/// Reads a JSONPath text with the syntax rules of Jayway JsonPath (the library AWS Step Functions
/// uses), plus the roots Step Functions adds: <c>$$</c> (context object) and <c>$name</c> (variable).
/// Error messages follow Jayway's wording where it has one.
/// </summary>
internal sealed class JsonPathParser
{
    private readonly string _text;
    private readonly List<PathSegment> _segments = [];
    private int _position;

    private JsonPathParser(string text)
    {
        _text = text;
    }

    public static ParsedPath Parse(string text, bool allowCurrentRoot = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new JsonPathSyntaxException("Path must not be empty");
        }

        return new JsonPathParser(trimmed).ParsePath(allowCurrentRoot);
    }

    private ParsedPath ParsePath(bool allowCurrentRoot)
    {
        var (root, variableName) = ReadRoot(allowCurrentRoot);
        if (_position < _text.Length)
        {
            var next = _text[_position];
            if (next != '.' && next != '[')
            {
                throw Fail($"Illegal character at position {_position} expected '.' or '['");
            }

            if (_text[^1] == '.')
            {
                throw Fail("Path must not end with a '.' or '..'");
            }

            while (_position < _text.Length)
            {
                ReadToken();
            }
        }

        // A multi-name step at the end of the path merges the names into one object (Jayway).
        if (_segments.Count > 0 && _segments[^1] is PropertySegment { IsSingle: false } last)
        {
            _segments[^1] = last.AsLeaf();
        }

        for (var i = 0; i < _segments.Count - 1; i++)
        {
            if (_segments[i] is FunctionSegment function)
            {
                throw Fail($"Function '{function.Name}()' must be the last step of the path");
            }
        }

        return new ParsedPath(root, variableName, _segments.ToArray());
    }

    private (JsonPathRoot Root, string? VariableName) ReadRoot(bool allowCurrentRoot)
    {
        var first = _text[0];
        if (first == '@' && allowCurrentRoot)
        {
            _position = 1;
            return (JsonPathRoot.Current, null);
        }

        if (first != '$')
        {
            throw Fail("Path must start with '$'");
        }

        if (_text.Length > 1 && _text[1] == '$')
        {
            _position = 2;
            return (JsonPathRoot.Context, null);
        }

        var end = 1;
        while (end < _text.Length && IsVariableNameChar(_text[end]))
        {
            end++;
        }

        _position = end;
        return end == 1 ? (JsonPathRoot.Input, null) : (JsonPathRoot.Variable, _text[1..end]);
    }

    private static bool IsVariableNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private void ReadToken()
    {
        switch (_text[_position])
        {
            case '[':
                ReadBracketToken();
                break;
            case '.':
                ReadDotToken();
                break;
            case '*':
                _segments.Add(WildcardSegment.Instance);
                _position++;
                break;
            default:
                ReadPropertyOrFunction();
                break;
        }
    }

    private void ReadDotToken()
    {
        if (_position + 1 < _text.Length && _text[_position + 1] == '.')
        {
            _segments.Add(DeepScanSegment.Instance);
            _position += 2;
        }
        else if (_position + 1 >= _text.Length)
        {
            throw Fail("Path must not end with a '.");
        }
        else
        {
            _position++;
        }

        if (_position >= _text.Length)
        {
            throw Fail("Path must not end with a '.' or '..'");
        }

        if (_text[_position] == '.')
        {
            throw Fail($"Character '.' on position {_position} is not valid.");
        }

        // The step after a dot is read right away: a name, '*', or a bracket ("$.[0]" is accepted).
        ReadToken();
    }

    private void ReadPropertyOrFunction()
    {
        var start = _position;
        var end = start;
        var isFunction = false;
        while (end < _text.Length)
        {
            var c = _text[end];
            if (c == ' ')
            {
                throw Fail($"Use bracket notion ['my prop'] if your property contains blank characters. position: {_position}");
            }

            if (c == '.' || c == '[')
            {
                break;
            }

            if (c == '(')
            {
                isFunction = true;
                break;
            }

            end++;
        }

        var name = _text[start..end];
        if (!isFunction)
        {
            _segments.Add(new PropertySegment([name], isLeaf: false));
            _position = end;
            return;
        }

        var close = end + 1;
        while (close < _text.Length && char.IsWhiteSpace(_text[close]))
        {
            close++;
        }

        if (close >= _text.Length || _text[close] != ')')
        {
            throw Fail($"Arguments to function: '{name}' are not supported");
        }

        _segments.Add(new FunctionSegment(ResolveFunction(name), name));
        _position = close + 1;
    }

    private JsonPathSyntaxException UnknownFunction(string name) => Fail($"Function with name: {name} does not exist.");

    private PathFunction ResolveFunction(string name) => name switch
    {
        "length" => PathFunction.Length,
        "size" => PathFunction.Size,
        "min" => PathFunction.Min,
        "max" => PathFunction.Max,
        "avg" => PathFunction.Average,
        "sum" => PathFunction.Sum,
        "stddev" => PathFunction.StandardDeviation,
        "first" => PathFunction.First,
        "last" => PathFunction.Last,
        "keys" => PathFunction.Keys,
        _ => throw UnknownFunction(name),
    };

    private void ReadBracketToken()
    {
        var inner = NextSignificant(_position + 1);
        var c = inner < _text.Length ? _text[inner] : '\0';
        if (c == '\'' || c == '"')
        {
            ReadBracketProperties(c);
        }
        else if (char.IsAsciiDigit(c) || c == '-' || c == ':')
        {
            ReadArrayToken();
        }
        else if (c == '*')
        {
            var close = NextSignificant(inner + 1);
            if (close >= _text.Length || _text[close] != ']')
            {
                throw Fail($"Expected wildcard token to end with ']' on position {inner + 1}");
            }

            _segments.Add(WildcardSegment.Instance);
            _position = close + 1;
        }
        else if (c == '?')
        {
            ReadFilter(inner);
        }
        else
        {
            throw Fail($"Could not parse token starting at position {_position}. Expected ?, ', 0-9, * ");
        }
    }

    private void ReadBracketProperties(char delimiter)
    {
        var names = new List<string>();
        var read = _position + 1;
        var start = read;
        var end = -1;
        var inProperty = false;
        var inEscape = false;
        var lastWasComma = false;
        while (read < _text.Length)
        {
            var c = _text[read];
            if (inEscape)
            {
                inEscape = false;
            }
            else if (c == '\\')
            {
                inEscape = true;
            }
            else if (c == ']' && !inProperty)
            {
                if (lastWasComma)
                {
                    throw Fail($"Found empty property at index {read}");
                }

                break;
            }
            else if (c == delimiter)
            {
                if (inProperty)
                {
                    var after = NextSignificant(read + 1);
                    if (after >= _text.Length || (_text[after] != ']' && _text[after] != ','))
                    {
                        throw Fail($"Property must be separated by comma or Property must be terminated close square bracket at index {read}");
                    }

                    end = read;

                    // Step Functions keeps the text between the quotes as written: a backslash only
                    // stops the next character from closing the name (recorded AWS behaviour).
                    names.Add(_text[start..end]);
                    inProperty = false;
                }
                else
                {
                    start = read + 1;
                    inProperty = true;
                    lastWasComma = false;
                }
            }
            else if (c == ',' && !inProperty)
            {
                if (lastWasComma)
                {
                    throw Fail($"Found empty property at index {read}");
                }

                lastWasComma = true;
            }
            else if (!inProperty && !char.IsWhiteSpace(c))
            {
                throw Fail($"Unexpected character '{c}' at index {read} in bracket notation");
            }

            read++;
        }

        if (inProperty)
        {
            throw Fail($"Property has not been closed - missing closing {delimiter}");
        }

        var closeBracket = end < 0 ? -1 : _text.IndexOf(']', end);
        if (closeBracket < 0 || names.Count == 0)
        {
            throw Fail("Property has not been closed - missing closing ]");
        }

        _segments.Add(new PropertySegment(names, isLeaf: false));
        _position = closeBracket + 1;
    }

    private void ReadArrayToken()
    {
        var close = _text.IndexOf(']', _position + 1);
        if (close < 0)
        {
            throw Fail($"Could not parse token starting at position {_position}. Expected ?, ', 0-9, * ");
        }

        var expression = _text[(_position + 1)..close].Trim();
        foreach (var c in expression)
        {
            if (!char.IsAsciiDigit(c) && c != ',' && c != '-' && c != ':' && c != ' ')
            {
                throw Fail($"Could not parse token starting at position {_position}. Expected ?, ', 0-9, * ");
            }
        }

        _segments.Add(expression.Contains(':', StringComparison.Ordinal) ? ParseSlice(expression) : ParseIndexes(expression));
        _position = close + 1;
    }

    private SliceSegment ParseSlice(string expression)
    {
        foreach (var c in expression)
        {
            if (!char.IsAsciiDigit(c) && c != '-' && c != ':')
            {
                throw Fail($"Failed to parse SliceOperation: {expression}");
            }
        }

        // Like Java's String.split: trailing empty parts are dropped, and only the first two parts count.
        var parts = SplitLikeJava(expression, ':');
        var from = parts.Count > 0 && parts[0].Length > 0 ? ParseInt(parts[0], expression) : (int?)null;
        var to = parts.Count > 1 && parts[1].Length > 0 ? ParseInt(parts[1], expression) : (int?)null;
        if (from is null && to is null)
        {
            throw Fail($"Failed to parse SliceOperation: {expression}");
        }

        return new SliceSegment(from, to);
    }

    private IndexSegment ParseIndexes(string expression)
    {
        var parts = SplitLikeJava(expression, ',');
        if (parts.Count == 0)
        {
            throw Fail($"Failed to parse ArrayIndexOperation: {expression}");
        }

        var indexes = new int[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            indexes[i] = ParseInt(parts[i].Trim(), expression);
        }

        return new IndexSegment(indexes);
    }

    private int ParseInt(string token, string expression)
    {
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail($"Failed to parse token in ArrayIndexOperation: {token} ({expression})");
        }

        return value;
    }

    private static List<string> SplitLikeJava(string text, char separator)
    {
        var parts = new List<string>(text.Split(separator));
        while (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts;
    }

    private void ReadFilter(int questionMark)
    {
        var open = NextSignificant(questionMark + 1);
        if (open >= _text.Length || _text[open] != '(')
        {
            throw Fail($"Could not parse token starting at position {_position}. Expected ?, ', 0-9, * ");
        }

        var close = FilterText.IndexOfClosingParenthesis(_text, open);
        if (close < 0)
        {
            throw Fail($"Could not parse token starting at position {_position}. Expected ?, ', 0-9, * ");
        }

        var closeBracket = NextSignificant(close + 1);
        if (closeBracket >= _text.Length || _text[closeBracket] != ']')
        {
            throw Fail($"Could not parse token starting at position {_position}. Expected ?, ', 0-9, * ");
        }

        var filter = FilterParser.Parse(_text[(open + 1)..close]);
        _segments.Add(new FilterSegment(filter));
        _position = closeBracket + 1;
    }

    private int NextSignificant(int from)
    {
        while (from < _text.Length && char.IsWhiteSpace(_text[from]))
        {
            from++;
        }

        return from;
    }

    private JsonPathSyntaxException Fail(string message) => new($"Invalid JSONPath '{_text}': {message}");
}
