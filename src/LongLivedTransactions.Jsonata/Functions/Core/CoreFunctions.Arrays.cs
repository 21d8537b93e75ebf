using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class CoreFunctions
{
    private static void RegisterArrays(FunctionLibrary library)
    {
        library.Add("append", "<xx:a>", 2, (arguments, _) => Append(Arg(arguments, 0), Arg(arguments, 1)));
        library.Add("reverse", "<a:a>", 1, Reverse);
        library.Add("shuffle", "<a:a>", 1, Shuffle);
        library.Add("distinct", "<x:x>", 1, Distinct);
        library.Add("zip", "<a+>", 0, Zip);
        library.Add("sort", "<af?:a>", 2, Sort);
    }

    private static object? Append(object? first, object? second)
    {
        if (first is null)
        {
            return second;
        }

        if (second is null)
        {
            return first;
        }

        // Array.prototype.concat: the result is a plain array, whatever the inputs were.
        var result = new JsonataArray();
        AddSpread(result, first);
        AddSpread(result, second);
        return result;
    }

    private static void AddSpread(JsonataArray result, object value)
    {
        if (value is JsonataArray array)
        {
            result.AddRange(array);
        }
        else
        {
            result.Add(value);
        }
    }

    private static object? Reverse(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        var result = new JsonataArray(array);
        result.Reverse();
        return result;
    }

    private static object? Shuffle(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        // Inside-out Fisher-Yates.
        var result = new JsonataArray(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var j = Random.Shared.Next(i + 1);
            if (j == i)
            {
                result.Add(array[i]);
            }
            else
            {
                result.Add(result[j]);
                result[j] = array[i];
            }
        }

        return result;
    }

    private static object? Distinct(object?[] arguments, FunctionCallContext context)
    {
        var value = Arg(arguments, 0);
        if (value is not JsonataArray { Count: > 1 } array)
        {
            return value;
        }

        var result = array.IsSequence ? JsonataArray.Sequence() : [];
        foreach (var item in array)
        {
            if (!result.Exists(existing => JsonataValue.DeepEquals(item, existing)))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static object? Zip(object?[] arguments, FunctionCallContext context)
    {
        var length = arguments.Length == 0 ? 0 : int.MaxValue;
        foreach (var argument in arguments)
        {
            length = Math.Min(length, argument is JsonataArray array ? array.Count : 0);
        }

        var result = new JsonataArray();
        for (var i = 0; i < length; i++)
        {
            var tuple = new JsonataArray(arguments.Length);
            foreach (var argument in arguments)
            {
                tuple.Add(((JsonataArray)argument!)[i]);
            }

            result.Add(tuple);
        }

        return result;
    }

    private static object? Sort(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        Func<object?, object?, bool> swap;
        if (Arg(arguments, 1) is JsonataFunction comparator)
        {
            // The comparator's result is tested with JavaScript truthiness, as jsonata-js does.
            swap = (left, right) => IsTruthy(context.Apply(comparator, [left, right]));
        }
        else if (array.TrueForAll(item => item is double number && !double.IsNaN(number)))
        {
            swap = (left, right) => (double)left! > (double)right!;
        }
        else if (array.TrueForAll(item => item is string))
        {
            swap = (left, right) => string.CompareOrdinal((string)left!, (string)right!) > 0;
        }
        else
        {
            throw Error(
                "D3070",
                "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function");
        }

        return new JsonataArray(MergeSort(array, swap));
    }

    // Top-down merge sort, splitting and merging in jsonata-js's order so a comparator sees the same calls.
    private static List<object?> MergeSort(List<object?> items, Func<object?, object?, bool> swap)
    {
        if (items.Count <= 1)
        {
            return items;
        }

        var middle = items.Count / 2;
        var left = MergeSort(items.GetRange(0, middle), swap);
        var right = MergeSort(items.GetRange(middle, items.Count - middle), swap);
        var merged = new List<object?>(items.Count);
        int l = 0, r = 0;
        while (l < left.Count && r < right.Count)
        {
            if (swap(left[l], right[r]))
            {
                merged.Add(right[r++]);
            }
            else
            {
                merged.Add(left[l++]);
            }
        }

        while (l < left.Count)
        {
            merged.Add(left[l++]);
        }

        while (r < right.Count)
        {
            merged.Add(right[r++]);
        }

        return merged;
    }
}
