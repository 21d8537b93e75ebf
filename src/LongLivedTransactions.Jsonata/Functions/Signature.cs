using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>
/// A JSONata function signature such as <c>&lt;s-n?:s&gt;</c>: parsed once, then used to check (and coerce)
/// the arguments of every call.
/// </summary>
/// <remarks>
/// Matching works as in jsonata-js: each argument becomes one type symbol (<c>m</c> for undefined) and the symbols
/// are matched against a regular expression built from the parameters, so optional, variadic and context
/// parameters resolve the same way, including which argument an error names.
/// </remarks>
public sealed class Signature
{
    private static readonly Dictionary<string, string> ArrayItemTypeNames = new(StringComparer.Ordinal)
    {
        ["a"] = "arrays",
        ["b"] = "booleans",
        ["f"] = "functions",
        ["n"] = "numbers",
        ["o"] = "objects",
        ["s"] = "strings",
    };

    // Every symbol SymbolOf returns; a symbol's code in the cache key is its index here plus one.
    private const string SymbolCodes = "snblafom";
    private const int MaxCachedArguments = 15;
    private const int MaxCachedMatches = 256;

    private readonly Parameter[] _parameters;
    private readonly Regex _matcher;

    // The regex's groups per combination of argument symbols, four bits a symbol (this signature's calls only).
    private readonly ConcurrentDictionary<ulong, int[]> _matches = new();

    private Signature(string text, Parameter[] parameters)
    {
        Text = text;
        _parameters = parameters;
        var pattern = new StringBuilder("^");
        foreach (var parameter in parameters)
        {
            pattern.Append('(').Append(parameter.Pattern).Append(')');
        }

        pattern.Append('$');
        _matcher = CreateRegex(pattern.ToString());
    }

    /// <summary>The signature as written, for example <c>&lt;a&lt;n&gt;:n&gt;</c>.</summary>
    public string Text { get; }

    /// <summary>How many parameters the signature declares (a variadic <c>+</c> parameter counts once).</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>
    /// Parses a signature; a malformed one is a <see cref="JsonataException"/> (S0401, S0402) whose
    /// <see cref="JsonataException.Position"/> is the offset of the offending character within
    /// <paramref name="text"/> (the parser adds the signature's own position).
    /// </summary>
    public static Signature Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parameters = new List<Parameter>();
        var current = new Parameter();

        // Before the first parameter, "previous" is the one being built, as in jsonata-js.
        var previous = current;
        var position = 1;
        while (position < text.Length)
        {
            var symbol = text[position];
            if (symbol == ':')
            {
                // The return type is not checked.
                break;
            }

            switch (symbol)
            {
                case 's':
                case 'n':
                case 'b':
                case 'l':
                case 'o':
                    current.Pattern = "[" + symbol + "m]";
                    current.Type = symbol.ToString();
                    Next();
                    break;
                case 'a':
                    // Any value is accepted and wrapped into a singleton array.
                    current.Pattern = "[asnblfom]";
                    current.Type = "a";
                    Next();
                    break;
                case 'f':
                    current.Pattern = "f";
                    current.Type = "f";
                    Next();
                    break;
                case 'j':
                    current.Pattern = "[asnblom]";
                    current.Type = "j";
                    Next();
                    break;
                case 'x':
                    current.Pattern = "[asnblfom]";
                    current.Type = "x";
                    Next();
                    break;
                case '-':
                    previous.UsesContext = true;
                    previous.ContextSymbols = MatchingSymbols(CreateRegex(previous.Pattern ?? string.Empty));
                    previous.Pattern += "?";
                    break;
                case '?':
                case '+':
                    previous.Pattern += symbol;
                    break;
                case '(':
                    var endParenthesis = FindClosingBracket(text, position, '(', ')');
                    var choice = text[(position + 1)..Math.Min(endParenthesis, text.Length)];
                    if (choice.Contains('<', StringComparison.Ordinal))
                    {
                        throw new JsonataException(
                            "S0402",
                            "Choice groups containing parameterized types are not supported",
                            position,
                            value: choice);
                    }

                    current.Pattern = "[" + choice + "m]";
                    current.Type = "(" + choice + ")";
                    position = endParenthesis;
                    Next();
                    break;
                case '<':
                    if (previous.Type is "a" or "f")
                    {
                        var endAngle = FindClosingBracket(text, position, '<', '>');
                        previous.Subtype = text[(position + 1)..Math.Min(endAngle, text.Length)];
                        position = endAngle;
                    }
                    else
                    {
                        throw new JsonataException(
                            "S0401",
                            "Type parameters can only be applied to functions and arrays",
                            position,
                            value: previous.Type);
                    }

                    break;
                default:
                    break;
            }

            position++;
        }

        return new Signature(text, [.. parameters]);

        void Next()
        {
            parameters.Add(current);
            previous = current;
            current = new Parameter();
        }
    }

    /// <summary>
    /// Checks <paramref name="arguments"/> against the signature and returns the arguments to pass: the context
    /// value inserted where the signature has <c>-</c> and the caller left the argument out, a single value
    /// wrapped where an array is expected. A mismatch is a <see cref="JsonataException"/> (T0410, T0411, T0412)
    /// without a position: the caller adds it. The exception's value is the offending argument (or the context
    /// value), and its message names the 1-based argument index.
    /// </summary>
    /// <param name="arguments">The evaluated arguments, C# null for undefined.</param>
    /// <param name="context">The context value, used for a <c>-</c> parameter the caller left out.</param>
    /// <param name="functionName">The function's name for the error messages, when known.</param>
    public object?[] Validate(object?[] arguments, object? context, string? functionName = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);

        // The symbols are written into a stack buffer; the regex only runs the first time a combination of
        // argument types is seen (its match depends on the symbols alone, so it is remembered per signature).
        Span<char> buffer = arguments.Length <= MaxCachedArguments ? stackalloc char[MaxCachedArguments] : new char[arguments.Length];
        var symbols = buffer[..arguments.Length];
        ulong key = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            var symbol = SymbolOf(arguments[i]);
            symbols[i] = symbol;
            key = (key << 4) | (uint)(SymbolCodes.IndexOf(symbol) + 1);
        }

        int[]? groups = null;
        var cacheable = arguments.Length <= MaxCachedArguments;
        if (!cacheable || !_matches.TryGetValue(key, out groups))
        {
            groups = MatchGroups(arguments, symbols.ToString(), functionName);
            if (cacheable && _matches.Count < MaxCachedMatches)
            {
                _matches.TryAdd(key, groups);
            }
        }

        var count = 0;
        for (var i = 0; i < _parameters.Length; i++)
        {
            count += Math.Max(1, groups[(2 * i) + 1]);
        }

        var validated = new object?[count];
        var written = 0;
        var argumentIndex = 0;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var matched = symbols.Slice(groups[2 * i], groups[(2 * i) + 1]);
            if (matched.Length == 0)
            {
                if (parameter.UsesContext && parameter.ContextSymbols is not null)
                {
                    if (!parameter.ContextSymbols.Contains(SymbolOf(context), StringComparison.Ordinal))
                    {
                        throw new JsonataException(
                            "T0411",
                            $"Context value is not a compatible type with argument {argumentIndex + 1} of function {Quote(functionName)}",
                            token: functionName,
                            value: context);
                    }

                    validated[written++] = context;
                }
                else
                {
                    validated[written++] = ArgumentAt(arguments, argumentIndex);
                    argumentIndex++;
                }

                continue;
            }

            // A variadic parameter may have matched several arguments.
            foreach (var single in matched)
            {
                var argument = ArgumentAt(arguments, argumentIndex);
                if (parameter.Type == "a")
                {
                    if (single == 'm')
                    {
                        argument = null;
                    }
                    else
                    {
                        if (!ArrayItemsMatch(parameter, single, matched, argument))
                        {
                            ArrayItemTypeNames.TryGetValue(parameter.Subtype ?? string.Empty, out var typeName);
                            throw new JsonataException(
                                "T0412",
                                $"Argument {argumentIndex + 1} of function {Quote(functionName)} must be an array of {Quote(typeName)}",
                                token: functionName,
                                value: argument);
                        }

                        if (single != 'a')
                        {
                            argument = new JsonataArray { argument };
                        }
                    }
                }

                validated[written++] = argument;
                argumentIndex++;
            }
        }

        return validated;
    }

    // Where each parameter's group matched in the symbols: start and length, two entries per parameter.
    private int[] MatchGroups(object?[] arguments, string symbols, string? functionName)
    {
        var match = _matcher.Match(symbols);
        if (!match.Success)
        {
            throw MismatchError(arguments, symbols, functionName);
        }

        var groups = new int[2 * _parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var group = match.Groups[i + 1];
            groups[2 * i] = group.Success ? group.Index : 0;
            groups[(2 * i) + 1] = group.Success ? group.Length : 0;
        }

        return groups;
    }

    /// <summary>The type symbol of a value: s n b l a o f, or m (missing) for undefined.</summary>
    internal static char SymbolOf(object? value) => value switch
    {
        null => 'm',
        string => 's',
        double => 'n',
        bool => 'b',
        JsonNull => 'l',
        JsonataArray => 'a',
        JsonataFunction => 'f',
        _ => 'o',
    };

    public override string ToString() => Text;

    private static bool ArrayItemsMatch(Parameter parameter, char single, ReadOnlySpan<char> matched, object? argument)
    {
        if (parameter.Subtype is null)
        {
            return true;
        }

        if (single != 'a')
        {
            // jsonata-js compares the whole matched text, not the single symbol, with the item type.
            return matched.SequenceEqual(parameter.Subtype);
        }

        var items = (JsonataArray)argument!;
        if (items.Count == 0)
        {
            return true;
        }

        var itemType = SymbolOf(items[0]);
        if (itemType != parameter.Subtype[0])
        {
            return false;
        }

        return items.TrueForAll(item => SymbolOf(item) == itemType);
    }

    private JsonataException MismatchError(object?[] arguments, string symbols, string? functionName)
    {
        // Find the first parameter whose pattern no longer matches a prefix of the supplied symbols.
        var partial = new StringBuilder("^");
        var goodTo = 0;
        foreach (var parameter in _parameters)
        {
            partial.Append(parameter.Pattern);
            var prefix = CreateRegex(partial.ToString()).Match(symbols);
            if (!prefix.Success)
            {
                break;
            }

            goodTo = prefix.Length;
        }

        // Either that parameter failed, or there are arguments beyond the last parameter.
        return new JsonataException(
            "T0410",
            $"Argument {goodTo + 1} of function {Quote(functionName)} does not match function signature",
            token: functionName,
            value: ArgumentAt(arguments, goodTo));
    }

    private static object? ArgumentAt(object?[] arguments, int index) => index < arguments.Length ? arguments[index] : null;

    // Error messages quote the inserts the way JSON.stringify does in jsonata-js.
    private static string Quote(string? text) => text is null ? "undefined" : JsonataJson.Stringify(text)!;

    private static int FindClosingBracket(string text, int start, char open, char close)
    {
        var depth = 1;
        var position = start;
        while (position < text.Length)
        {
            position++;
            if (position >= text.Length)
            {
                break;
            }

            var symbol = text[position];
            if (symbol == close)
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (symbol == open)
            {
                depth++;
            }
        }

        return position;
    }

    // The symbols the (unanchored) context pattern accepts, tested once for each possible symbol.
    private static string MatchingSymbols(Regex pattern)
    {
        var accepted = new StringBuilder();
        foreach (var symbol in SymbolCodes)
        {
            if (pattern.IsMatch(symbol.ToString()))
            {
                accepted.Append(symbol);
            }
        }

        return accepted.ToString();
    }

    private static Regex CreateRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            // A choice group with characters that do not form a class, e.g. "(])": nothing can match it.
            return new Regex("(?!)", RegexOptions.CultureInvariant);
        }
    }

    private sealed class Parameter
    {
        public string? Pattern { get; set; }

        public string? Type { get; set; }

        public string? Subtype { get; set; }

        public bool UsesContext { get; set; }

        /// <summary>The type symbols the context value may have, when the parameter takes it (<c>-</c>).</summary>
        public string? ContextSymbols { get; set; }
    }
}
