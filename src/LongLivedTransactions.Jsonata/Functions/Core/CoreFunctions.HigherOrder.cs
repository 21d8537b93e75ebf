using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class CoreFunctions
{
    private static void RegisterHigherOrder(FunctionLibrary library)
    {
        library.Add("map", "<af>", 2, Map);
        library.Add("filter", "<af>", 2, Filter);
        library.Add("single", "<af?>", 2, Single);
        library.Add("reduce", "<afj?:j>", 3, Reduce);
        library.Add("each", "<o-f:a>", 2, Each);
        library.Add("sift", "<o-f?:o>", 2, Sift);
    }

    private static object? Map(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray array)
        {
            return null;
        }

        var function = (JsonataFunction)Arg(arguments, 1)!;
        var result = JsonataArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var mapped = context.ApplyWithArity(function, array[i], (double)i, array);
            if (mapped is not null)
            {
                result.Add(mapped);
            }
        }

        return result;
    }

    private static object? Filter(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray array)
        {
            return null;
        }

        var function = (JsonataFunction)Arg(arguments, 1)!;
        var result = JsonataArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (ToBoolean(context.ApplyWithArity(function, item, (double)i, array), nested: true))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static object? Single(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray array)
        {
            return null;
        }

        var function = Arg(arguments, 1) as JsonataFunction;
        object? result = null;
        var found = false;
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            var matches = function is null || ToBoolean(context.ApplyWithArity(function, item, (double)i, array), nested: true);
            if (!matches)
            {
                continue;
            }

            if (found)
            {
                throw Error("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.");
            }

            result = item;
            found = true;
        }

        if (!found)
        {
            throw Error("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.");
        }

        return result;
    }

    private static object? Reduce(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray sequence)
        {
            return null;
        }

        var function = (JsonataFunction)Arg(arguments, 1)!;
        var arity = function.Arity;
        if (arity < 2)
        {
            throw Error("D3050", "The second argument of reduce function must be a function with at least two arguments");
        }

        var initial = Arg(arguments, 2);
        object? result;
        int index;
        if (initial is null && sequence.Count > 0)
        {
            result = sequence[0];
            index = 1;
        }
        else
        {
            result = initial;
            index = 0;
        }

        for (; index < sequence.Count; index++)
        {
            object?[] callArguments = arity >= 4
                ? [result, sequence[index], (double)index, sequence]
                : arity == 3 ? [result, sequence[index], (double)index] : [result, sequence[index]];
            result = context.Apply(function, callArguments);
        }

        return result;
    }

    private static object? Each(object?[] arguments, FunctionCallContext context)
    {
        var result = JsonataArray.Sequence();
        if (Arg(arguments, 0) is not OrderedDictionary<string, object?> map)
        {
            return result;
        }

        var function = (JsonataFunction)Arg(arguments, 1)!;
        foreach (var (key, value) in map.ToArray())
        {
            var mapped = context.ApplyWithArity(function, value, key, map);
            if (mapped is not null)
            {
                result.Add(mapped);
            }
        }

        return result;
    }

    private static object? Sift(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not OrderedDictionary<string, object?> map)
        {
            return null;
        }

        if (Arg(arguments, 1) is not JsonataFunction function)
        {
            // jsonata-js fails with a JavaScript TypeError here; the closest JSONata error is a signature mismatch.
            throw new JsonataException("T0410", "Argument 2 of function \"sift\" does not match function signature");
        }

        var result = NewObject();
        foreach (var (key, value) in map.ToArray())
        {
            if (ToBoolean(context.ApplyWithArity(function, value, key, map), nested: true))
            {
                result[key] = value;
            }
        }

        return result.Count == 0 ? null : result;
    }
}
