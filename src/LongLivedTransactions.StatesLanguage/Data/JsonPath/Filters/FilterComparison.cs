using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

/// <summary>The comparison operators of Jayway filters that AWS Step Functions accepts.</summary>
internal enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    RegexMatch,
    In,
    NotIn,
    SubsetOf,
    AnyOf,
    NoneOf,
    Size,
    Empty,
    Contains,
}

/// <summary>
/// Applies a filter operator with Jayway's rules: an undefined side never compares equal, ordering
/// works only between two numbers or two strings, a number equals a string that reads as the
/// same number, and list operators need arrays.
/// </summary>
internal static class FilterComparison
{
    public static bool Evaluate(FilterValue left, FilterOperator op, FilterValue right) => op switch
    {
        FilterOperator.Equal => AreEqual(left, right),
        FilterOperator.NotEqual => !AreEqual(left, right),
        FilterOperator.Less => Compare(left, right) is < 0,
        FilterOperator.LessOrEqual => Compare(left, right) is <= 0,
        FilterOperator.Greater => Compare(left, right) is > 0,
        FilterOperator.GreaterOrEqual => Compare(left, right) is >= 0,
        FilterOperator.RegexMatch => RegexMatches(left, right),
        FilterOperator.In => IsIn(left, right),
        FilterOperator.NotIn => !IsIn(left, right),
        FilterOperator.SubsetOf => AllIn(left, right),
        FilterOperator.AnyOf => AnyIn(left, right),
        FilterOperator.NoneOf => NoneIn(left, right),
        FilterOperator.Size => HasSize(left, right),
        FilterOperator.Empty => IsEmpty(left, right),
        FilterOperator.Contains => Contains(left, right),
        _ => false,
    };

    private static bool AreEqual(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !right.IsDefined || left.Pattern is not null || right.Pattern is not null)
        {
            return false;
        }

        return ValuesEqual(left.Node, right.Node);
    }

    private static bool ValuesEqual(JsonNode? left, JsonNode? right)
    {
        var leftKind = JsonNodeValues.KindOf(left);
        var rightKind = JsonNodeValues.KindOf(right);
        if (leftKind == JsonValueKind.Number && rightKind == JsonValueKind.String)
        {
            return TryParseNumber(right!.GetValue<string>(), out var number) && JsonNodeValues.TryGetDecimal(left, out var value) && value == number;
        }

        if (leftKind == JsonValueKind.String && rightKind == JsonValueKind.Number)
        {
            return string.Equals(left!.GetValue<string>(), right!.ToJsonString(), StringComparison.Ordinal);
        }

        return JsonNodeValues.DeepEquals(left, right);
    }

    private static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    private static int? Compare(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !right.IsDefined)
        {
            return null;
        }

        if (JsonNodeValues.IsNumber(left.Node) && JsonNodeValues.IsNumber(right.Node))
        {
            return JsonNodeValues.CompareNumbers(left.Node!, right.Node!);
        }

        if (JsonNodeValues.TryGetString(left.Node, out var l) && JsonNodeValues.TryGetString(right.Node, out var r))
        {
            return string.CompareOrdinal(l, r);
        }

        return null;
    }

    private static bool RegexMatches(FilterValue left, FilterValue right)
    {
        if ((left.Pattern is null) == (right.Pattern is null))
        {
            return false;
        }

        var (pattern, input) = left.Pattern is not null ? (left.Pattern, right) : (right.Pattern!, left);
        try
        {
            return pattern.IsMatch(RegexInput(input));
        }
        catch (RegexMatchTimeoutException)
        {
            // A runaway pattern selects nothing rather than stalling the execution.
            return false;
        }
    }

    private static string RegexInput(FilterValue value) => JsonNodeValues.KindOf(value.Node) switch
    {
        _ when !value.IsDefined => string.Empty,
        JsonValueKind.String => value.Node!.GetValue<string>(),
        JsonValueKind.Number => value.Node!.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => string.Empty,
    };

    private static bool IsIn(FilterValue left, FilterValue right) =>
        left.IsDefined && right.Node is JsonArray list && ListContains(list, left.Node);

    private static bool AllIn(FilterValue left, FilterValue right) =>
        left.Node is JsonArray items && right.Node is JsonArray list && items.All(item => ListContains(list, item));

    private static bool AnyIn(FilterValue left, FilterValue right) =>
        left.Node is JsonArray items && right.Node is JsonArray list && items.Any(item => ListContains(list, item));

    private static bool NoneIn(FilterValue left, FilterValue right) =>
        left.Node is JsonArray items && right.Node is JsonArray list && !items.Any(item => ListContains(list, item));

    private static bool ListContains(JsonArray list, JsonNode? item)
    {
        foreach (var element in list)
        {
            if (ValuesEqual(element, item))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSize(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !JsonNodeValues.TryGetDecimal(right.Node, out var expected))
        {
            return false;
        }

        return left.Node switch
        {
            JsonArray array => array.Count == expected,
            JsonValue when JsonNodeValues.TryGetString(left.Node, out var text) => text.Length == expected,
            _ => false,
        };
    }

    private static bool IsEmpty(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !JsonNodeValues.IsBoolean(right.Node))
        {
            return false;
        }

        var expected = right.Node!.GetValueKind() == JsonValueKind.True;
        return left.Node switch
        {
            JsonArray array => (array.Count == 0) == expected,
            JsonObject obj => (obj.Count == 0) == expected,
            JsonValue when JsonNodeValues.TryGetString(left.Node, out var text) => (text.Length == 0) == expected,
            _ => false,
        };
    }

    private static bool Contains(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !right.IsDefined)
        {
            return false;
        }

        if (JsonNodeValues.TryGetString(left.Node, out var text))
        {
            return JsonNodeValues.TryGetString(right.Node, out var part) && text.Contains(part, StringComparison.Ordinal);
        }

        return left.Node is JsonArray list && ListContains(list, right.Node);
    }
}
