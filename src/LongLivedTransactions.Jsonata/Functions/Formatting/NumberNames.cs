using System.Text;
using System.Text.RegularExpressions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>Integers as English words, roman numerals and spreadsheet-style letters, both ways.</summary>
internal static partial class NumberNames
{
    private static readonly string[] _few =
    [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ];

    private static readonly string[] _ordinals =
    [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth",
    ];

    private static readonly string[] _decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"];

    private static readonly string[] _magnitudes = ["Thousand", "Million", "Billion", "Trillion"];

    private static readonly (int Value, string Numeral)[] _romanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
        (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];

    /// <summary>Above this, jsonata-js's recursive roman numeral conversion overflows the JavaScript stack.</summary>
    private const double MaximumRoman = 1e7;

    /// <summary>The value of every number word, in the order the date/time parser tries them.</summary>
    private static readonly List<KeyValuePair<string, double>> _wordValues = BuildWordValues();

    private static readonly Dictionary<string, double> _wordLookup = new(_wordValues, StringComparer.Ordinal);

    /// <summary>A regex alternative matching a run of number words.</summary>
    public static string WordsPattern { get; } =
        "(?:" + string.Join('|', _wordValues.Select(entry => entry.Key).Append("and").Append("[\\-, ]")) + ")+";

    /// <summary>Title-case English words ("Three Hundred and Twenty-First").</summary>
    public static string ToWords(double value, bool ordinal)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            // jsonata-js recurses without end on these.
            throw new JsonataException("U1001", "Maximum call stack size exceeded", value: value);
        }

        return Lookup(value, false, ordinal);
    }

    /// <summary>Reads lower-case English words back into a number (NaN for an unknown word).</summary>
    public static double FromWords(string text)
    {
        var segments = new List<double> { 0 };
        foreach (var part in WordSeparator().Split(text))
        {
            var value = _wordLookup.TryGetValue(part, out var known) ? known : double.NaN;
            if (value < 100)
            {
                var top = segments[^1];
                segments.RemoveAt(segments.Count - 1);
                if (top >= 1000)
                {
                    segments.Add(top);
                    top = 0;
                }

                segments.Add(top + value);
            }
            else
            {
                segments[^1] *= value;
            }
        }

        return segments.Sum();
    }

    /// <summary>Lower-case roman numerals.</summary>
    public static string ToRoman(double value)
    {
        if (value >= MaximumRoman || double.IsNaN(value))
        {
            throw new JsonataException("U1001", "Maximum call stack size exceeded", value: value);
        }

        var builder = new StringBuilder();
        var index = 0;
        while (index < _romanNumerals.Length)
        {
            if (value >= _romanNumerals[index].Value)
            {
                builder.Append(_romanNumerals[index].Numeral);
                value -= _romanNumerals[index].Value;
                index = 0;
            }
            else
            {
                index++;
            }
        }

        return builder.ToString();
    }

    /// <summary>Reads upper-case roman numerals (NaN once an unknown letter is met).</summary>
    public static double FromRoman(string roman)
    {
        var total = 0.0;
        var maximum = 1.0;
        for (var i = roman.Length - 1; i >= 0; i--)
        {
            var value = roman[i] switch
            {
                'M' => 1000,
                'D' => 500,
                'C' => 100,
                'L' => 50,
                'X' => 10,
                'V' => 5,
                'I' => 1,
                _ => double.NaN,
            };
            if (value < maximum)
            {
                total -= value;
            }
            else
            {
                maximum = value;
                total += value;
            }
        }

        return total;
    }

    /// <summary>Spreadsheet column letters: 1 = a, 26 = z, 27 = aa.</summary>
    public static string ToLetters(double value, char first)
    {
        var letters = new StringBuilder();
        while (value > 0)
        {
            letters.Insert(0, (char)(((value - 1) % 26) + first));
            value = Math.Floor((value - 1) / 26);
        }

        return letters.ToString();
    }

    public static double FromLetters(string letters, char first)
    {
        var total = 0.0;
        for (var i = 0; i < letters.Length; i++)
        {
            total += (letters[letters.Length - i - 1] - first + 1) * Math.Pow(26, i);
        }

        return total;
    }

    private static string Lookup(double number, bool previous, bool ordinal)
    {
        if (number <= 19)
        {
            return (previous ? " and " : string.Empty) + (ordinal ? _ordinals[(int)number] : _few[(int)number]);
        }

        if (number < 100)
        {
            var tens = (int)Math.Floor(number / 10);
            var remainder = number % 10;
            var words = (previous ? " and " : string.Empty) + _decades[tens - 2];
            if (remainder > 0)
            {
                return words + "-" + Lookup(remainder, false, ordinal);
            }

            return ordinal ? words[..^1] + "ieth" : words;
        }

        if (number < 1000)
        {
            var hundreds = (int)Math.Floor(number / 100);
            var remainder = number % 100;
            var words = (previous ? ", " : string.Empty) + _few[hundreds] + " Hundred";
            if (remainder > 0)
            {
                return words + Lookup(remainder, true, ordinal);
            }

            return ordinal ? words + "th" : words;
        }

        var magnitude = Math.Min((int)Math.Floor(Math.Log10(number) / 3), _magnitudes.Length);
        var factor = Math.Pow(10, magnitude * 3);
        var mantissa = Math.Floor(number / factor);
        var rest = number - (mantissa * factor);
        var text = (previous ? ", " : string.Empty) + Lookup(mantissa, false, false) + " " + _magnitudes[magnitude - 1];
        if (rest > 0)
        {
            return text + Lookup(rest, true, ordinal);
        }

        return ordinal ? text + "th" : text;
    }

    private static List<KeyValuePair<string, double>> BuildWordValues()
    {
        // Insertion order as in jsonata-js: a later duplicate replaces the value but keeps the first place.
        var entries = new List<KeyValuePair<string, double>>();

        void Set(string word, double value)
        {
            var index = entries.FindIndex(entry => entry.Key == word);
            if (index >= 0)
            {
                entries[index] = new(word, value);
            }
            else
            {
                entries.Add(new(word, value));
            }
        }

        for (var i = 0; i < _few.Length; i++)
        {
            Set(_few[i].ToLowerInvariant(), i);
        }

        for (var i = 0; i < _ordinals.Length; i++)
        {
            Set(_ordinals[i].ToLowerInvariant(), i);
        }

        for (var i = 0; i < _decades.Length; i++)
        {
            var word = _decades[i].ToLowerInvariant();
            Set(word, (i + 2) * 10);
            Set(word[..^1] + "ieth", (i + 2) * 10);
        }

        Set("hundredth", 100);
        for (var i = 0; i < _magnitudes.Length; i++)
        {
            var word = _magnitudes[i].ToLowerInvariant();
            var value = Math.Pow(10, (i + 1) * 3);
            Set(word, value);
            Set(word + "th", value);
        }

        return entries;
    }

    [GeneratedRegex(@",\s|\sand\s|[\s\\-]")]
    private static partial Regex WordSeparator();
}
