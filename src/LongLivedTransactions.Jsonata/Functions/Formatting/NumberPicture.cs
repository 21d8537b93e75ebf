namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// One analysed sub-picture of $formatNumber (F&amp;O 4.7.3 validation, 4.7.4 analysis), computed the way
/// jsonata-js computes it, quirks included.
/// </summary>
internal sealed record NumberPicture
{
    public required string Prefix { get; init; }

    public required string Suffix { get; init; }

    public required string Picture { get; init; }

    public required IReadOnlyList<int> IntegerGroupingPositions { get; init; }

    public required int RegularGrouping { get; init; }

    public required int MinimumIntegerPartSize { get; init; }

    public required int ScalingFactor { get; init; }

    public required IReadOnlyList<int> FractionalGroupingPositions { get; init; }

    public required int MinimumFractionalPartSize { get; init; }

    public required int MaximumFractionalPartSize { get; init; }

    public required int MinimumExponentSize { get; init; }

    /// <summary>Splits, validates and analyses a picture: one entry per sub-picture, the negative one second.</summary>
    public static List<NumberPicture> Parse(string picture, NumberSymbols symbols)
    {
        var subPictures = JsText.Split(picture, symbols.PatternSeparator);
        if (subPictures.Length > 2)
        {
            throw FormattingErrors.Create("D3080");
        }

        var parts = subPictures.Select(subPicture => SplitParts(subPicture, symbols)).ToList();
        foreach (var part in parts)
        {
            Validate(part, symbols);
        }

        var pictures = parts.Select(part => Analyse(part, symbols)).ToList();
        if (pictures.Count == 1)
        {
            pictures.Add(pictures[0] with { Prefix = symbols.MinusSign + pictures[0].Prefix });
        }

        return pictures;
    }

    private static Parts SplitParts(string subPicture, NumberSymbols symbols)
    {
        bool IsBoundary(char character) => symbols.IsActive(character) && character.ToString() != symbols.ExponentSeparator;

        var first = -1;
        for (var i = 0; i < subPicture.Length && first < 0; i++)
        {
            first = IsBoundary(subPicture[i]) ? i : -1;
        }

        if (first < 0)
        {
            // jsonata-js fails with a TypeError when a sub-picture has no active character; refuse it as passive text.
            throw FormattingErrors.Create("D3086");
        }

        var last = subPicture.Length - 1;
        while (!IsBoundary(subPicture[last]))
        {
            last--;
        }

        var prefix = subPicture[..first];
        var suffix = subPicture[(last + 1)..];
        var activePart = JsText.Substring(subPicture, prefix.Length, subPicture.Length - suffix.Length);

        // As in jsonata-js, the exponent position is found in the sub-picture but applied to the active part.
        string mantissaPart;
        string? exponentPart;
        var exponentPosition = JsText.IndexOf(subPicture, symbols.ExponentSeparator, prefix.Length);
        if (exponentPosition == -1 || exponentPosition > subPicture.Length - suffix.Length)
        {
            mantissaPart = activePart;
            exponentPart = null;
        }
        else
        {
            mantissaPart = JsText.Substring(activePart, 0, exponentPosition);
            exponentPart = JsText.Substring(activePart, exponentPosition + 1);
        }

        string integerPart;
        string fractionalPart;
        var decimalPosition = JsText.IndexOf(mantissaPart, symbols.DecimalSeparator);
        if (decimalPosition == -1)
        {
            integerPart = mantissaPart;
            fractionalPart = suffix;
        }
        else
        {
            integerPart = mantissaPart[..decimalPosition];
            fractionalPart = JsText.Substring(mantissaPart, decimalPosition + 1);
        }

        return new Parts(prefix, suffix, activePart, mantissaPart, exponentPart, integerPart, fractionalPart, subPicture);
    }

    private static void Validate(Parts parts, NumberSymbols symbols)
    {
        // Every check runs; the last failing one decides the code, as in jsonata-js.
        string? error = null;
        var subPicture = parts.SubPicture;
        var decimalPosition = JsText.IndexOf(subPicture, symbols.DecimalSeparator);
        if (decimalPosition != JsText.LastIndexOf(subPicture, symbols.DecimalSeparator))
        {
            error = "D3081";
        }

        if (JsText.IndexOf(subPicture, symbols.Percent) != JsText.LastIndexOf(subPicture, symbols.Percent))
        {
            error = "D3082";
        }

        if (JsText.IndexOf(subPicture, symbols.PerMille) != JsText.LastIndexOf(subPicture, symbols.PerMille))
        {
            error = "D3083";
        }

        var hasPercent = JsText.IndexOf(subPicture, symbols.Percent) != -1;
        var hasPerMille = JsText.IndexOf(subPicture, symbols.PerMille) != -1;
        if (hasPercent && hasPerMille)
        {
            error = "D3084";
        }

        if (!parts.MantissaPart.Any(symbols.IsDigitOrOptional))
        {
            error = "D3085";
        }

        if (!parts.ActivePart.All(symbols.IsActive))
        {
            error = "D3086";
        }

        if (decimalPosition != -1)
        {
            if (JsText.CharAt(subPicture, decimalPosition - 1) == symbols.GroupingSeparator
                || JsText.CharAt(subPicture, decimalPosition + 1) == symbols.GroupingSeparator)
            {
                error = "D3087";
            }
        }
        else if (JsText.CharAt(parts.IntegerPart, parts.IntegerPart.Length - 1) == symbols.GroupingSeparator)
        {
            error = "D3088";
        }

        if (JsText.IndexOf(subPicture, symbols.GroupingSeparator + symbols.GroupingSeparator) != -1)
        {
            error = "D3089";
        }

        var optionalPosition = JsText.IndexOf(parts.IntegerPart, symbols.Digit);
        if (optionalPosition != -1 && parts.IntegerPart[..optionalPosition].Any(symbols.IsFamilyDigit))
        {
            error = "D3090";
        }

        optionalPosition = JsText.LastIndexOf(parts.FractionalPart, symbols.Digit);
        if (optionalPosition != -1 && JsText.Substring(parts.FractionalPart, optionalPosition).Any(symbols.IsFamilyDigit))
        {
            error = "D3091";
        }

        var exponent = parts.ExponentPart;
        if (exponent is { Length: > 0 } && (hasPercent || hasPerMille))
        {
            error = "D3092";
        }

        if (exponent is not null && (exponent.Length == 0 || !exponent.All(symbols.IsFamilyDigit)))
        {
            error = "D3093";
        }

        if (error is not null)
        {
            throw FormattingErrors.Create(error);
        }
    }

    private static NumberPicture Analyse(Parts parts, NumberSymbols symbols)
    {
        var integerGrouping = GroupingPositions(parts.IntegerPart, parts, symbols, toLeft: false);
        var fractionalGrouping = GroupingPositions(parts.FractionalPart, parts, symbols, toLeft: true);

        var minimumInteger = symbols.CountFamilyDigits(parts.IntegerPart);
        var scalingFactor = minimumInteger;
        var minimumFractional = symbols.CountFamilyDigits(parts.FractionalPart);
        var maximumFractional = symbols.CountDigitsOrOptional(parts.FractionalPart);
        var exponentPresent = parts.ExponentPart is not null;
        if (minimumInteger == 0 && maximumFractional == 0)
        {
            if (exponentPresent)
            {
                minimumFractional = 1;
                maximumFractional = 1;
            }
            else
            {
                minimumInteger = 1;
            }
        }

        if (exponentPresent && minimumInteger == 0 && JsText.IndexOf(parts.IntegerPart, symbols.Digit) != -1)
        {
            minimumInteger = 1;
        }

        if (minimumInteger == 0 && minimumFractional == 0)
        {
            minimumFractional = 1;
        }

        return new NumberPicture
        {
            Prefix = parts.Prefix,
            Suffix = parts.Suffix,
            Picture = parts.SubPicture,
            IntegerGroupingPositions = integerGrouping,
            RegularGrouping = RegularInterval(integerGrouping),
            MinimumIntegerPartSize = minimumInteger,
            ScalingFactor = scalingFactor,
            FractionalGroupingPositions = fractionalGrouping,
            MinimumFractionalPartSize = minimumFractional,
            MaximumFractionalPartSize = maximumFractional,
            MinimumExponentSize = exponentPresent ? symbols.CountFamilyDigits(parts.ExponentPart!) : 0,
        };
    }

    /// <summary>
    /// How many digit positions lie right (or left) of each grouping separator. As in jsonata-js, every separator
    /// after the first is looked for in the integer part, whichever part is being analysed.
    /// </summary>
    private static List<int> GroupingPositions(string part, Parts parts, NumberSymbols symbols, bool toLeft)
    {
        var positions = new List<int>();
        var position = JsText.IndexOf(part, symbols.GroupingSeparator);
        while (position != -1)
        {
            var side = toLeft ? JsText.Substring(part, 0, position) : JsText.Substring(part, position);
            positions.Add(symbols.CountDigitsOrOptional(side));
            position = JsText.IndexOf(parts.IntegerPart, symbols.GroupingSeparator, position + 1);
        }

        return positions;
    }

    /// <summary>The common interval of the grouping positions when they are all multiples of it, else 0.</summary>
    internal static int RegularInterval(IReadOnlyList<int> positions)
    {
        if (positions.Count == 0)
        {
            return 0;
        }

        var factor = positions[0];
        for (var i = 1; i < positions.Count; i++)
        {
            factor = GreatestCommonDivisor(factor, positions[i]);
        }

        for (var index = 1; index <= positions.Count; index++)
        {
            if (!positions.Contains(index * factor))
            {
                return 0;
            }
        }

        return factor;
    }

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);

    private sealed record Parts(
        string Prefix,
        string Suffix,
        string ActivePart,
        string MantissaPart,
        string? ExponentPart,
        string IntegerPart,
        string FractionalPart,
        string SubPicture);
}
