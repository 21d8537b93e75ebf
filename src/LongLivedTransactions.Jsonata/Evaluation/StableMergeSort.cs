namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>
/// The stable merge sort JSONata specifies: the comparator says whether two items must swap, and items are
/// compared in the same order jsonata-js compares them (which decides which error a bad item raises first).
/// </summary>
internal static class StableMergeSort
{
    public static List<object?> Sort(IReadOnlyList<object?> items, Func<object?, object?, bool> mustSwap)
    {
        if (items.Count <= 1)
        {
            return [.. items];
        }

        var middle = items.Count / 2;
        var left = Sort(Slice(items, 0, middle), mustSwap);
        var right = Sort(Slice(items, middle, items.Count), mustSwap);
        var merged = new List<object?>(items.Count);
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            if (mustSwap(left[i], right[j]))
            {
                merged.Add(right[j++]);
            }
            else
            {
                merged.Add(left[i++]);
            }
        }

        for (; i < left.Count; i++)
        {
            merged.Add(left[i]);
        }

        for (; j < right.Count; j++)
        {
            merged.Add(right[j]);
        }

        return merged;
    }

    private static List<object?> Slice(IReadOnlyList<object?> items, int start, int end)
    {
        var slice = new List<object?>(end - start);
        for (var i = start; i < end; i++)
        {
            slice.Add(items[i]);
        }

        return slice;
    }
}
