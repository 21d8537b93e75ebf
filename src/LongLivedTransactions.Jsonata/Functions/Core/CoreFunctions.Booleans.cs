using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class CoreFunctions
{
    private static void RegisterBooleans(FunctionLibrary library)
    {
        library.Add("boolean", "<x-:b>", 1, (arguments, _) => Boolean(Arg(arguments, 0)));
        library.Add("not", "<x-:b>", 1, (arguments, _) => Arg(arguments, 0) is { } value ? JsonataValue.Boolean(!ToBoolean(value, nested: false)) : null);
        library.Add("exists", "<x:b>", 1, (arguments, _) => JsonataValue.Boolean(Arg(arguments, 0) is not null));
    }

    /// <summary>
    /// <c>$boolean</c>: the effective boolean value, or undefined for undefined. Exposed for callers that need
    /// jsonata-js's exact rules (NaN is false).
    /// </summary>
    internal static object? Boolean(object? value) => value is null ? null : JsonataValue.Boolean(ToBoolean(value, nested: false));

    /// <summary>
    /// The effective boolean value as jsonata-js computes it. A function passed as an argument is false (jsonata-js
    /// wraps it in a JavaScript function); a function met as a raw value (an array item, a callback's result) is a
    /// lambda or built-in object there, so true, except a regex, which stays a JavaScript function.
    /// </summary>
    private static bool ToBoolean(object? value, bool nested)
    {
        switch (value)
        {
            case JsonataArray array:
                if (array.Count == 1)
                {
                    return ToBoolean(array[0], nested: true);
                }

                foreach (var item in array)
                {
                    if (ToBoolean(item, nested: true))
                    {
                        return true;
                    }
                }

                return false;
            case string text:
                return text.Length > 0;
            case double number:
                return number != 0 && !double.IsNaN(number);
            case bool flag:
                return flag;
            case OrderedDictionary<string, object?> map:
                return map.Count > 0;
            case JsonataRegex:
                return false;
            case JsonataFunction:
                return nested;
            default:
                return false;
        }
    }
}
