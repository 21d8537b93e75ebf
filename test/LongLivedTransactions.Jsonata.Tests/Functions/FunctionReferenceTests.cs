using System.Text.Json;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

/// <summary>
/// Replays built-in calls whose results jsonata-js 2.0.6 produced (reference-cases.json, made by
/// reference-cases.js): same result, same undefined, same error code.
/// </summary>
public sealed class FunctionReferenceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var element in Load().EnumerateArray())
        {
            data.Add(element.GetProperty("expr").GetString()! + (element.TryGetProperty("input", out var input) ? " @ " + input.GetRawText() : string.Empty));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_jsonata_js(string call)
    {
        var element = Load().EnumerateArray().Single(e =>
            e.GetProperty("expr").GetString() + (e.TryGetProperty("input", out var i) ? " @ " + i.GetRawText() : string.Empty) == call);
        var name = element.GetProperty("fn").GetString()!;
        var undefinedArguments = element.GetProperty("undefinedArgs").EnumerateArray().Select(x => x.GetInt32()).ToHashSet();
        var arguments = element.GetProperty("args").EnumerateArray()
            .Select((argument, index) => undefinedArguments.Contains(index) ? null : JsonataValue.FromJsonElement(argument))
            .ToArray();
        object? input = null;
        if (element.TryGetProperty("input", out var inputElement) && !element.GetProperty("inputUndefined").GetBoolean())
        {
            input = JsonataValue.FromJsonElement(inputElement);
        }

        var context = new TestCallContext(input);
        if (element.TryGetProperty("error", out var error))
        {
            var exception = Assert.Throws<JsonataException>(() => context.Invoke(name, arguments));
            Assert.Equal(error.GetString(), exception.Code);
            return;
        }

        var result = Values.Unwrapped(context.Invoke(name, arguments));
        if (element.TryGetProperty("undefined", out _))
        {
            Assert.Null(result);
            return;
        }

        var expected = Values.Exact(JsonataValue.FromJsonElement(element.GetProperty("result")));
        Assert.Equal(expected, Values.Exact(result));
    }

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Functions", "reference-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
