using System.Collections.Concurrent;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// Analysed pictures, by picture text, for the formatting functions of one function library (so of one compiled
/// expression): an expression usually formats with the same literal picture on every evaluation, and analysing
/// it costs far more than applying it. The analyses are never changed once made, so threads share them.
/// </summary>
internal sealed class PictureCache
{
    // Pictures can come from data; past this many the cache stops growing and new pictures are analysed per call.
    private const int MaxEntries = 128;

    private readonly ConcurrentDictionary<string, List<NumberPicture>> _numberPictures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DateTimePart>> _dateTimePictures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IntegerPicture> _integerPictures = new(StringComparer.Ordinal);

    /// <summary>The decimal-format symbols of $formatNumber without options.</summary>
    public NumberSymbols DefaultNumberSymbols { get; } = NumberSymbols.Create(null);

    /// <summary>A $formatNumber picture analysed with the default symbols.</summary>
    public List<NumberPicture> NumberPicture(string picture) =>
        GetOrAdd(_numberPictures, picture, text => Formatting.NumberPicture.Parse(text, DefaultNumberSymbols));

    /// <summary>A $fromMillis picture.</summary>
    public List<DateTimePart> DateTimePicture(string picture) =>
        GetOrAdd(_dateTimePictures, picture, Formatting.DateTimePicture.Parse);

    /// <summary>A $formatInteger picture.</summary>
    public IntegerPicture IntegerPicture(string picture) =>
        GetOrAdd(_integerPictures, picture, Formatting.IntegerPicture.Parse);

    private static T GetOrAdd<T>(ConcurrentDictionary<string, T> cache, string picture, Func<string, T> analyse)
    {
        if (cache.TryGetValue(picture, out var analysed))
        {
            return analysed;
        }

        // An invalid picture throws here and is not remembered.
        analysed = analyse(picture);
        if (cache.Count < MaxEntries)
        {
            cache.TryAdd(picture, analysed);
        }

        return analysed;
    }
}
