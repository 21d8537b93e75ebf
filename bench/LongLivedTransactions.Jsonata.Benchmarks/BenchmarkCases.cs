using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Benchmarks;

/// <summary>One benchmarked expression with its input and bindings, in our value model and as JSON for node.</summary>
internal sealed record BenchmarkCase(string Name, string Expression, JsonNode? InputJson, JsonObject BindingsJson)
{
    public object? Input { get; } = InputJson is null ? null : JsonataValue.FromJsonNode(InputJson);

    public IReadOnlyDictionary<string, object?> Bindings { get; } =
        BindingsJson.ToDictionary(binding => binding.Key, binding => JsonataValue.FromJsonNode(binding.Value), StringComparer.Ordinal);
}

/// <summary>The expressions: what a JSONata state machine of the saga writes in its Arguments, Output and Assign.</summary>
internal static class BenchmarkCases
{
    public static IReadOnlyList<BenchmarkCase> Create(string repositoryRoot)
    {
        var order = JsonNode.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "events", "07-order-succeeds.json")))!.AsObject();
        var states = new JsonObject
        {
            ["input"] = order.DeepClone(),
            ["result"] = new JsonObject
            {
                ["ExecutedVersion"] = "$LATEST",
                ["Payload"] = new JsonObject { ["order_id"] = order["order_id"]!.DeepClone(), ["status"] = "ok", ["total"] = 14.5 },
                ["StatusCode"] = 200,
            },
            ["context"] = new JsonObject
            {
                ["Execution"] = new JsonObject { ["Id"] = "arn:aws:states:us-east-1:123456789012:execution:Saga:run-1", ["StartTime"] = "2026-11-16T14:15:00.000Z" },
                ["State"] = new JsonObject { ["Name"] = "ProcessPayment", ["RetryCount"] = 0 },
            },
        };
        var error = new JsonObject { ["Error"] = "ErrProcessPayment", ["Cause"] = "Debit of order 47063fe3 was saved but the step failed" };
        var stateBindings = new JsonObject { ["states"] = states, ["order"] = order.DeepClone(), ["error"] = error };

        // A hundred order lines for the aggregation and the higher-order chain.
        var items = new JsonArray();
        for (var i = 0; i < 100; i++)
        {
            items.Add(new JsonObject
            {
                ["item_id"] = string.Create(CultureInfo.InvariantCulture, $"item-{2000 + i}"),
                ["qty"] = (i % 5) + 1,
                ["description"] = string.Create(CultureInfo.InvariantCulture, $"Article {i}"),
                ["unit_price"] = Math.Round(3.25 + (i * 1.5), 2),
            });
        }

        var lines = new JsonObject { ["items"] = items };
        return
        [
            new("simple path (input)", "$states.input.order_id", null, (JsonObject)stateBindings.DeepClone()),
            new("simple path (result)", "$states.result.Payload", null, (JsonObject)stateBindings.DeepClone()),
            new("$string of an object", "$string({'order_id': $order.order_id, 'status': 'failed', 'error': $error})", null, (JsonObject)stateBindings.DeepClone()),
            new("$sum over 100 items", "$sum(items.(qty * unit_price))", lines.DeepClone(), []),
            new("$map/$filter chain", "$map($filter(items, function($i){ $i.qty > 2 }), function($i){ {'id': $i.item_id, 'total': $i.qty * $i.unit_price} })", lines.DeepClone(), []),
            new("$formatNumber", "$formatNumber(total, '#,##0.00')", new JsonObject { ["total"] = 1234567.891 }, []),
            new("$fromMillis with a picture", "$fromMillis(millis, '[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]', '+0100')", new JsonObject { ["millis"] = 1763302500000 }, []),
        ];
    }
}
