namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>The primary format token of an integer picture (F&amp;O 4.6.1).</summary>
internal enum IntegerStyle
{
    Decimal,
    Letters,
    Roman,
    Words,

    /// <summary>Any other numbering sequence: refused with D3130 when used.</summary>
    Sequence,
}

/// <summary>The letter case of letters, roman numerals, words and names.</summary>
internal enum LetterCase
{
    Lower,
    Upper,
    Title,
}

/// <summary>A grouping separator and how many digit positions lie to its right.</summary>
internal readonly record struct GroupingSeparator(int Position, string Character);

/// <summary>An analysed $formatInteger picture (also a date/time component's presentation modifier).</summary>
internal sealed class IntegerPicture
{
    /// <summary>The zero digits of the Unicode decimal digit groups jsonata-js recognises.</summary>
    private static readonly int[] _decimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
        0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
        0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    public IntegerStyle Style { get; private set; } = IntegerStyle.Decimal;

    public LetterCase Case { get; private set; } = LetterCase.Lower;

    public bool Ordinal { get; private set; }

    /// <summary>The code point of the zero digit of the picture's digit family.</summary>
    public int ZeroCode { get; private set; } = 0x30;

    /// <summary>
    /// Mandatory digits of a decimal pattern (NaN otherwise, as jsonata-js leaves it undefined); a date/time width
    /// modifier may raise it.
    /// </summary>
    public double MandatoryDigits { get; set; } = double.NaN;

    public int OptionalDigits { get; private set; }

    /// <summary>Separators repeat at a fixed interval (<see cref="RegularSeparator"/>) rather than at fixed places.</summary>
    public bool Regular { get; private set; }

    public GroupingSeparator RegularSeparator { get; private set; }

    /// <summary>The separators right to left, when they are not regular.</summary>
    public IReadOnlyList<GroupingSeparator> Separators { get; private set; } = [];

    /// <summary>The unsupported numbering token, for D3130.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>How many digits a date/time parser expects (the year width), or null for any.</summary>
    public double? ExpectedWidth { get; set; }

    public static IntegerPicture Parse(string picture)
    {
        var format = new IntegerPicture();
        string primary;
        var semicolon = picture.LastIndexOf(';');
        if (semicolon == -1)
        {
            primary = picture;
        }
        else
        {
            primary = picture[..semicolon];
            format.Ordinal = picture.Length > semicolon + 1 && picture[semicolon + 1] == 'o';
        }

        switch (primary)
        {
            case "A":
                format.Style = IntegerStyle.Letters;
                format.Case = LetterCase.Upper;
                break;
            case "a":
                format.Style = IntegerStyle.Letters;
                break;
            case "I":
                format.Style = IntegerStyle.Roman;
                format.Case = LetterCase.Upper;
                break;
            case "i":
                format.Style = IntegerStyle.Roman;
                break;
            case "W":
                format.Style = IntegerStyle.Words;
                format.Case = LetterCase.Upper;
                break;
            case "Ww":
                format.Style = IntegerStyle.Words;
                format.Case = LetterCase.Title;
                break;
            case "w":
                format.Style = IntegerStyle.Words;
                break;
            default:
                format.ParseDecimal(primary);
                break;
        }

        return format;
    }

    /// <summary>A decimal-digit pattern, read right to left to find the separators' positions.</summary>
    private void ParseDecimal(string primary)
    {
        int? zeroCode = null;
        var mandatory = 0;
        var optional = 0;
        var position = 0;
        var separators = new List<GroupingSeparator>();
        var codePoints = JsText.CodePoints(primary);
        codePoints.Reverse();
        foreach (var codePoint in codePoints)
        {
            var group = Array.Find(_decimalGroups, zero => codePoint >= zero && codePoint <= zero + 9);
            if (group != 0)
            {
                mandatory++;
                position++;
                zeroCode ??= group;
                if (group != zeroCode)
                {
                    throw FormattingErrors.Create("D3131");
                }
            }
            else if (codePoint == '#')
            {
                position++;
                optional++;
            }
            else
            {
                separators.Add(new GroupingSeparator(position, JsText.FromCodePoint(codePoint)));
            }
        }

        if (mandatory == 0)
        {
            Style = IntegerStyle.Sequence;
            Token = primary;
            return;
        }

        Style = IntegerStyle.Decimal;
        ZeroCode = zeroCode ?? 0x30;
        MandatoryDigits = mandatory;
        OptionalDigits = optional;
        var interval = separators.TrueForAll(separator => separator.Character == separators[0].Character)
            ? NumberPicture.RegularInterval(separators.ConvertAll(separator => separator.Position))
            : 0;
        if (interval > 0)
        {
            Regular = true;
            RegularSeparator = new GroupingSeparator(interval, separators[0].Character);
        }
        else
        {
            Separators = separators;
        }
    }
}
