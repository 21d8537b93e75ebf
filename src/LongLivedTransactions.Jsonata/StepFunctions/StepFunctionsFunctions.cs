using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.StepFunctions;

/// <summary>
/// The functions AWS Step Functions adds to JSONata: <c>$partition</c>, <c>$range</c>, <c>$hash</c>,
/// <c>$random</c> (with an optional seed), <c>$uuid</c> and <c>$parse</c>. The host registers this library on top
/// of the built-ins (<see cref="JsonataOptions.Functions"/>); <c>$random</c> replaces the built-in of the same name.
/// </summary>
public static class StepFunctionsFunctions
{
    /// <summary>The largest array <c>$range</c> builds; above it the call fails before allocating (as the range operator does).</summary>
    public const int MaxRangeSize = 10_000_000;

    private static readonly string[] HashAlgorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

    /// <summary>Creates a library holding the six functions.</summary>
    public static FunctionLibrary Create() => new FunctionLibrary()
        .Add("partition", "<an:a>", 2, Partition)
        .Add("range", "<nnn:a>", 3, Range)
        .Add("hash", "<ss:s>", 2, Hash)
        .Add("random", "<n?:n>", 1, Random)
        .Add("uuid", "<:s>", 0, Uuid)
        .Add("parse", "<s:x>", 1, Parse);

    /// <summary><c>$partition(array, size)</c>: consecutive chunks of <c>size</c> items, the last one possibly shorter.</summary>
    internal static object? Partition(object?[] arguments, FunctionCallContext context)
    {
        var source = NativeFunction.Argument(arguments, 0);
        if (source is null)
        {
            return null;
        }

        var size = RequireNumber(NativeFunction.Argument(arguments, 1), "partition", 2);
        var chunkSize = Math.Truncate(size);
        if (chunkSize < 1)
        {
            // AWS fails $partition(a, -1) (floci-io/floci#2676); a size of zero cannot make progress either.
            throw new JsonataException(
                StepFunctionsErrors.PartitionSize,
                $"The size argument of $partition must be a positive integer, got {FormatNumber(size)}",
                token: "partition",
                value: size);
        }

        // The signature wraps a single value as an array; do the same when it is called without a signature check.
        var items = source as JsonataArray ?? [source];
        var result = new JsonataArray();
        var step = chunkSize >= items.Count ? Math.Max(items.Count, 1) : (int)chunkSize;
        for (var start = 0; start < items.Count; start += step)
        {
            result.Add(new JsonataArray(items.GetRange(start, Math.Min(step, items.Count - start))));
        }

        return result;
    }

    /// <summary>
    /// <c>$range(start, end, step)</c>: start, start + step, ... up to and including end when a step lands on it.
    /// Arguments are truncated toward zero, as AWS does (<c>$range(-1.7, 2, 1)</c> is <c>[-1,0,1,2]</c>).
    /// </summary>
    internal static object? Range(object?[] arguments, FunctionCallContext context)
    {
        var startArgument = NativeFunction.Argument(arguments, 0);
        var endArgument = NativeFunction.Argument(arguments, 1);
        var stepArgument = NativeFunction.Argument(arguments, 2);
        if (startArgument is null || endArgument is null || stepArgument is null)
        {
            return null;
        }

        var start = ToInteger(RequireNumber(startArgument, "range", 1));
        var end = ToInteger(RequireNumber(endArgument, "range", 2));
        var step = ToInteger(RequireNumber(stepArgument, "range", 3));
        if (step == 0)
        {
            // A zero step never reaches the end: nothing, rather than an endless sequence.
            return null;
        }

        // Int128 because start, end and step each span the whole long range.
        var distance = (Int128)end - start;
        if (distance != 0 && Int128.Sign(distance) != Int128.Sign(step))
        {
            return new JsonataArray();
        }

        var count = (distance / step) + 1;
        if (count > MaxRangeSize)
        {
            throw new JsonataException(
                "D2014",
                $"The size of the sequence allocated by $range must not exceed 1e7.  Attempted to allocate {count.ToString(CultureInfo.InvariantCulture)}.",
                token: "range",
                value: (double)count);
        }

        // A sequence, as AWS returns it: a single number comes back as that number ($range(1, 1, 1) is 1).
        var result = new JsonataArray((int)count) { IsSequence = true };
        for (var i = 0; i < (int)count; i++)
        {
            result.Add((double)(start + (i * (Int128)step)));
        }

        return result;
    }

    /// <summary><c>$hash(value, algorithm)</c>: the digest of the UTF-8 bytes of a string, as lowercase hex.</summary>
    internal static object? Hash(object?[] arguments, FunctionCallContext context)
    {
        var value = NativeFunction.Argument(arguments, 0);
        if (value is null)
        {
            return null;
        }

        if (value is not string text)
        {
            throw ArgumentMismatch("hash", 1, value);
        }

        var algorithm = NativeFunction.Argument(arguments, 1);
        if (algorithm is not string name)
        {
            throw ArgumentMismatch("hash", 2, algorithm);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are what AWS offers: checksums here, not security.
        var digest = name.ToUpperInvariant() switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw new JsonataException(
                StepFunctionsErrors.HashAlgorithm,
                $"The algorithm argument of $hash must be one of {string.Join(", ", HashAlgorithms)}, got \"{name}\"",
                token: "hash",
                value: name),
        };
#pragma warning restore CA5350, CA5351
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// <c>$random(seed?)</c>: with a seed, <c>new java.util.Random(seed).nextDouble()</c>, so a seed always gives the
    /// same number (42 gives 0.7275636800328681 on AWS); without one, a fresh random number in [0, 1).
    /// </summary>
    internal static object? Random(object?[] arguments, FunctionCallContext context)
    {
        var seed = NativeFunction.Argument(arguments, 0);
        if (seed is null)
        {
            return System.Random.Shared.NextDouble();
        }

        var number = RequireNumber(seed, "random", 1);
        return new JavaRandom(JavaRandom.ToSeed(number)).NextDouble();
    }

    /// <summary><c>$uuid()</c>: a random (version 4) UUID in its lowercase 36-character form.</summary>
    internal static object? Uuid(object?[] arguments, FunctionCallContext context) => Guid.NewGuid().ToString("D");

    /// <summary><c>$parse(text)</c>: the value of a JSON text (the only way to read JSON held in a string, since $eval is absent).</summary>
    internal static object? Parse(object?[] arguments, FunctionCallContext context)
    {
        var value = NativeFunction.Argument(arguments, 0);
        if (value is null)
        {
            return null;
        }

        if (value is not string text)
        {
            throw ArgumentMismatch("parse", 1, value);
        }

        try
        {
            return JsonataValue.Parse(text);
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            throw new JsonataException(
                StepFunctionsErrors.ParseInvalidJson,
                $"The argument of $parse is not valid JSON: {error.Message}",
                token: "parse",
                value: text);
        }
    }

    private static double RequireNumber(object? value, string function, int position) =>
        value is double number ? number : throw ArgumentMismatch(function, position, value);

    // The signature check reports these before the body runs; this covers a call made without one.
    private static JsonataException ArgumentMismatch(string function, int position, object? value) =>
        new("T0410", $"Argument {position} of function \"{function}\" does not match function signature", token: function, value: value);

    private static long ToInteger(double value) => JavaRandom.ToSeed(value);

    private static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
