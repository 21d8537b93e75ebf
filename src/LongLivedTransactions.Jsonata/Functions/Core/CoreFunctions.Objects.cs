using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class CoreFunctions
{
    private static void RegisterObjects(FunctionLibrary library)
    {
        library.Add("keys", "<x-:a<s>>", 1, (arguments, _) => Keys(Arg(arguments, 0)));
        library.Add("lookup", "<x-s:x>", 2, (arguments, _) => Lookup(Arg(arguments, 0), Arg(arguments, 1) as string ?? "undefined"));
        library.Add("spread", "<x-:a<o>>", 1, (arguments, _) => Spread(Arg(arguments, 0)));
        library.Add("merge", "<a<o>:o>", 1, Merge);
        library.Add("type", "<x:s>", 1, (arguments, _) => TypeOf(Arg(arguments, 0)));
        library.Add("error", "<s?:x>", 1, ErrorFunction);
        library.Add("assert", "<bs?:x>", 2, Assert);
        library.Add("clone", "<(oa)-:o>", 1, Clone);
    }

    private static JsonataArray Keys(object? value)
    {
        var result = JsonataArray.Sequence();
        if (value is JsonataArray array)
        {
            // The union of the items' keys, in first-seen order.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in array)
            {
                foreach (var key in Keys(item))
                {
                    if (seen.Add((string)key!))
                    {
                        result.Add(key);
                    }
                }
            }
        }
        else if (value is OrderedDictionary<string, object?> map)
        {
            result.AddRange(map.Keys);
        }

        return result;
    }

    private static object? Lookup(object? value, string key)
    {
        if (value is JsonataArray array)
        {
            var result = JsonataArray.Sequence();
            foreach (var item in array)
            {
                var found = Lookup(item, key);
                if (found is JsonataArray values)
                {
                    result.AddRange(values);
                }
                else if (found is not null)
                {
                    result.Add(found);
                }
            }

            return result;
        }

        return value is OrderedDictionary<string, object?> map && map.TryGetValue(key, out var member) ? member : null;
    }

    private static object? Spread(object? value)
    {
        switch (value)
        {
            case JsonataArray array:
                object? result = JsonataArray.Sequence();
                foreach (var item in array)
                {
                    result = Append(result, Spread(item));
                }

                return result;
            case OrderedDictionary<string, object?> map:
                var pairs = JsonataArray.Sequence();
                foreach (var (key, member) in map)
                {
                    pairs.Add(new OrderedDictionary<string, object?>(1, StringComparer.Ordinal) { [key] = member });
                }

                return pairs;
            default:
                return value;
        }
    }

    private static object? Merge(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray objects)
        {
            return null;
        }

        var result = NewObject();
        foreach (var item in objects)
        {
            if (item is OrderedDictionary<string, object?> map)
            {
                foreach (var (key, member) in map)
                {
                    // A key seen before keeps its place and takes the later value.
                    result[key] = member;
                }
            }
        }

        return result;
    }

    private static string? TypeOf(object? value) => value switch
    {
        null => null,
        JsonNull => "null",
        double number => double.IsNaN(number) ? "object" : "number",
        string => "string",
        bool => "boolean",
        JsonataArray => "array",
        JsonataFunction => "function",
        _ => "object",
    };

    private static object? ErrorFunction(object?[] arguments, FunctionCallContext context)
    {
        var message = Arg(arguments, 0) as string;
        throw Error("D3137", string.IsNullOrEmpty(message) ? "$error() function evaluated" : message);
    }

    private static object? Assert(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not true)
        {
            var message = Arg(arguments, 1) as string;
            throw Error("D3141", string.IsNullOrEmpty(message) ? "$assert() statement failed" : message);
        }

        return null;
    }

    // A deep copy through JSON text, as jsonata-js does (functions become "", numbers go through 15 digits).
    private static object? Clone(object?[] arguments, FunctionCallContext context)
    {
        var value = Arg(arguments, 0);
        return value is null ? null : JsonataValue.Parse(JsonataJson.Stringify(value)!);
    }
}
