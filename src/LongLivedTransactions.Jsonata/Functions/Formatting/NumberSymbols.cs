namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// The decimal-format properties of $formatNumber (F&amp;O 4.7.1): defaults, overridden by the options object.
/// </summary>
internal sealed class NumberSymbols
{
    private readonly List<string> _activeCharacters;

    private NumberSymbols(Dictionary<string, string> properties)
    {
        DecimalSeparator = properties["decimal-separator"];
        GroupingSeparator = properties["grouping-separator"];
        ExponentSeparator = properties["exponent-separator"];
        MinusSign = properties["minus-sign"];
        Percent = properties["percent"];
        PerMille = properties["per-mille"];
        ZeroDigit = properties["zero-digit"];
        Digit = properties["digit"];
        PatternSeparator = properties["pattern-separator"];

        // The family is the ten UTF-16 code units from the zero digit up.
        var family = new List<string>(10);
        if (ZeroDigit.Length > 0)
        {
            for (var code = ZeroDigit[0]; code < ZeroDigit[0] + 10; code++)
            {
                family.Add(((char)code).ToString());
            }
        }

        DigitFamily = family;
        _activeCharacters = [.. family, DecimalSeparator, ExponentSeparator, GroupingSeparator, Digit, PatternSeparator];
    }

    public string DecimalSeparator { get; }

    public string GroupingSeparator { get; }

    public string ExponentSeparator { get; }

    public string MinusSign { get; }

    public string Percent { get; }

    public string PerMille { get; }

    public string ZeroDigit { get; }

    public string Digit { get; }

    public string PatternSeparator { get; }

    /// <summary>The decimal digit family: the zero digit and the nine characters after it.</summary>
    public IReadOnlyList<string> DigitFamily { get; }

    public static NumberSymbols Create(OrderedDictionary<string, object?>? options)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["decimal-separator"] = ".",
            ["grouping-separator"] = ",",
            ["exponent-separator"] = "e",
            ["infinity"] = "Infinity",
            ["minus-sign"] = "-",
            ["NaN"] = "NaN",
            ["percent"] = "%",
            ["per-mille"] = "\u2030",
            ["zero-digit"] = "0",
            ["digit"] = "#",
            ["pattern-separator"] = ";",
        };
        if (options is not null)
        {
            foreach (var (key, value) in options)
            {
                properties[key] = value switch
                {
                    string text => text,
                    double number => JsNumber.ToString(number),
                    bool flag => flag ? "true" : "false",
                    null => "undefined",
                    _ => value.ToString() ?? string.Empty,
                };
            }
        }

        return new NumberSymbols(properties);
    }

    public bool IsActive(char character) => _activeCharacters.Contains(character.ToString());

    public bool IsFamilyDigit(char character) => DigitFamily.Contains(character.ToString());

    public bool IsDigitOrOptional(char character) => IsFamilyDigit(character) || Digit == character.ToString();

    public int CountFamilyDigits(string text) => text.Count(IsFamilyDigit);

    public int CountDigitsOrOptional(string text) => text.Count(IsDigitOrOptional);
}
