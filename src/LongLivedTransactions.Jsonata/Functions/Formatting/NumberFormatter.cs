using System.Text;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>$formatNumber: F&amp;O 4.7.5 applied to an analysed picture, following jsonata-js step by step.</summary>
internal static class NumberFormatter
{
    public static string Format(double value, string picture, OrderedDictionary<string, object?>? options, PictureCache cache)
    {
        // Options change the symbols the picture is read with: only the default reading is cached.
        var symbols = options is null ? cache.DefaultNumberSymbols : NumberSymbols.Create(options);
        var pictures = options is null ? cache.NumberPicture(picture) : NumberPicture.Parse(picture, symbols);
        var pic = value >= 0 ? pictures[0] : pictures[1];

        var adjusted = value;
        if (JsText.IndexOf(pic.Picture, symbols.Percent) != -1)
        {
            adjusted = value * 100;
        }
        else if (JsText.IndexOf(pic.Picture, symbols.PerMille) != -1)
        {
            adjusted = value * 1000;
        }

        var (mantissa, exponent) = Scale(adjusted, pic);
        var rounded = JsNumber.RoundHalfEven(mantissa, pic.MaximumFractionalPartSize);
        var text = Digits(rounded, pic.MaximumFractionalPartSize, symbols);

        var decimalSeparator = symbols.DecimalSeparator;
        var zero = symbols.ZeroDigit;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        text = point == -1 ? text + decimalSeparator : text[..point] + decimalSeparator + text[(point + 1)..];
        while (JsText.CharAt(text, 0) == zero)
        {
            text = text[1..];
        }

        while (JsText.CharAt(text, text.Length - 1) == zero)
        {
            text = text[..^1];
        }

        var decimalPosition = JsText.IndexOf(text, decimalSeparator);
        var padLeft = pic.MinimumIntegerPartSize - decimalPosition;
        var padRight = pic.MinimumFractionalPartSize - (text.Length - decimalPosition - 1);
        text = JsText.Repeat(zero, padLeft) + text + JsText.Repeat(zero, padRight);
        decimalPosition = JsText.IndexOf(text, decimalSeparator);

        text = GroupIntegerPart(text, decimalPosition, pic, symbols.GroupingSeparator);
        decimalPosition = JsText.IndexOf(text, decimalSeparator);
        foreach (var position in pic.FractionalGroupingPositions)
        {
            var at = position + decimalPosition + 1;
            text = JsText.Slice(text, 0, at) + symbols.GroupingSeparator + JsText.Slice(text, at);
        }

        decimalPosition = JsText.IndexOf(text, decimalSeparator);
        if (JsText.IndexOf(pic.Picture, decimalSeparator) == -1 || decimalPosition == text.Length - 1)
        {
            text = JsText.Substring(text, 0, text.Length - 1);
        }

        if (exponent is { } power)
        {
            var exponentText = Digits(power, 0, symbols);
            exponentText = JsText.Repeat(zero, pic.MinimumExponentSize - exponentText.Length) + exponentText;
            text = text + symbols.ExponentSeparator + (power < 0 ? symbols.MinusSign : string.Empty) + exponentText;
        }

        return pic.Prefix + text + pic.Suffix;
    }

    /// <summary>Splits the number into mantissa and exponent when the picture has an exponent part.</summary>
    private static (double Mantissa, double? Exponent) Scale(double adjusted, NumberPicture pic)
    {
        if (pic.MinimumExponentSize == 0)
        {
            return (adjusted, null);
        }

        // jsonata-js loops forever on zero and on negative numbers here; scale the magnitude instead.
        if (adjusted == 0 || double.IsNaN(adjusted) || double.IsInfinity(adjusted))
        {
            return (adjusted, 0);
        }

        var maximum = Math.Pow(10, pic.ScalingFactor);
        var minimum = Math.Pow(10, pic.ScalingFactor - 1);
        var mantissa = Math.Abs(adjusted);
        var exponent = 0.0;
        while (mantissa < minimum)
        {
            mantissa *= 10;
            exponent -= 1;
        }

        while (mantissa > maximum)
        {
            mantissa /= 10;
            exponent += 1;
        }

        return (adjusted < 0 ? -mantissa : mantissa, exponent);
    }

    /// <summary>toFixed of the magnitude, with ASCII digits mapped onto the picture's digit family.</summary>
    private static string Digits(double value, int fractionDigits, NumberSymbols symbols)
    {
        var text = JsNumber.ToFixed(Math.Abs(value), fractionDigits);
        if (symbols.ZeroDigit == "0")
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (character is >= '0' and <= '9')
            {
                // An empty zero-digit gives an empty family: its digits vanish, as undefined joins in JavaScript.
                builder.Append(symbols.DigitFamily.Count == 10 ? symbols.DigitFamily[character - '0'] : string.Empty);
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static string GroupIntegerPart(string text, int decimalPosition, NumberPicture pic, string separator)
    {
        if (pic.RegularGrouping > 0)
        {
            var groups = (int)Math.Floor((decimalPosition - 1) / (double)pic.RegularGrouping);
            for (var group = 1; group <= groups; group++)
            {
                var at = decimalPosition - (group * pic.RegularGrouping);
                text = JsText.Slice(text, 0, at) + separator + JsText.Slice(text, at);
            }

            return text;
        }

        foreach (var position in pic.IntegerGroupingPositions)
        {
            var at = decimalPosition - position;
            text = JsText.Slice(text, 0, at) + separator + JsText.Slice(text, at);
            decimalPosition++;
        }

        return text;
    }
}
