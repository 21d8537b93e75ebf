namespace LongLivedTransactions.Jsonata.StepFunctions;

/// <summary>
/// The linear congruential generator of <c>java.util.Random</c>, bit for bit: AWS's <c>$random(seed)</c> is
/// <c>new Random(seed).nextDouble()</c>, so the same seed must give the same double here.
/// </summary>
internal sealed class JavaRandom
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Addend = 0xBL;
    private const long Mask = (1L << 48) - 1;

    private long _seed;

    public JavaRandom(long seed)
    {
        // Java scrambles the seed once so that nearby seeds do not start nearby.
        _seed = (seed ^ Multiplier) & Mask;
    }

    /// <summary>A double in [0, 1) made of 53 random bits, as <c>Random.nextDouble()</c>.</summary>
    public double NextDouble()
    {
        var high = (long)Next(26) << 27;
        var low = Next(27);
        return (high + low) * (1.0 / (1L << 53));
    }

    /// <summary>The next <paramref name="bits"/> random bits (Java's protected <c>next(int)</c>).</summary>
    public int Next(int bits)
    {
        _seed = unchecked((_seed * Multiplier) + Addend) & Mask;
        return unchecked((int)((ulong)_seed >> (48 - bits)));
    }

    /// <summary>
    /// Converts a JSON number to a seed as Java's <c>(long)</c> cast does: toward zero, NaN to 0, and out-of-range
    /// values to the nearest bound.
    /// </summary>
    public static long ToSeed(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        if (value >= long.MaxValue)
        {
            return long.MaxValue;
        }

        return value <= long.MinValue ? long.MinValue : (long)value;
    }
}
