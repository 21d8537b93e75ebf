using System.Text.Json;
using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions.Formatting.Differential;

/// <summary>
/// Random calls of the picture-string functions (generate.js, seed 20240615) against what jsonata-js 2.0.6
/// returned for them, recorded in cases.jsonl beside this file.
/// </summary>
public sealed class DifferentialTests
{
    [Fact]
    public void Every_recorded_call_gives_what_jsonata_js_gave()
    {
        var library = StandardLibrary.Create();
        var context = new TestCallContext();
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(FindCasesFile()))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var name = root.GetProperty("fn").GetString()!;
            var arguments = root.GetProperty("args").EnumerateArray().Select(JsonataValue.FromJsonElement).ToArray();
            Assert.True(library.TryGet(name, out var function));
            count++;
            string actual;
            try
            {
                var result = ((NativeFunction)function).Implementation(arguments, context);
                actual = result is double number && double.IsNaN(number) ? "NaN" : Show(result);
            }
            catch (JsonataException error)
            {
                actual = "error " + error.Code;
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or InvalidCastException or IndexOutOfRangeException or NullReferenceException or OverflowException or FormatException)
            {
                actual = "crash " + error.GetType().Name + ": " + error.Message;
                failures.Add($"{line} => {actual}");
                continue;
            }

            if (root.TryGetProperty("jsError", out _))
            {
                // jsonata-js crashes here; a result or a JSONata error is fine, any other exception is not.
                continue;
            }

            var expected = root.TryGetProperty("code", out var code) ? "error " + code.GetString()
                : root.TryGetProperty("nan", out _) ? "NaN"
                : Show(JsonataValue.FromJsonElement(root.GetProperty("result")));
            if (expected != actual)
            {
                failures.Add($"{line} => {actual}");
            }
        }

        Assert.True(count > 1000, "too few recorded calls");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");
    }

    private static string Show(object? value) => value is null ? "undefined" : JsonataValue.ToJsonNode(value)?.ToJsonString() ?? "null";

    private static string FindCasesFile()
    {
        const string relative = "test/LongLivedTransactions.Jsonata.Tests/Functions/Formatting/Differential/cases.jsonl";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
