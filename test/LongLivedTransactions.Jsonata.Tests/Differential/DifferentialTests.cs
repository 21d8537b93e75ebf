using System.Globalization;
using System.Text;
using System.Text.Json;
using LongLivedTransactions.Jsonata.Tests.Support;
using LongLivedTransactions.Jsonata.Values;
using Xunit.Abstractions;

namespace LongLivedTransactions.Jsonata.Tests.Differential;

/// <summary>
/// Generates thousands of expressions and input documents from a seeded grammar, evaluates them with jsonata-js
/// 2.0.6 (one node process for the whole batch) and with ours, and requires the same result (undefined and null
/// told apart) or the same error code. A difference must be listed in Differential/allowed-differences.txt.
/// The seed is printed; JSONATA_DIFF_SEED replays or varies it, JSONATA_DIFF_COUNT changes the number of cases.
/// Objects compare in insertion order, except objects with an integer-like key, whose keys are sorted first
/// (JavaScript moves those keys to the front; we keep insertion order as AWS's Java implementation does).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_260_206;
    private const int DefaultCount = 4_000;
    private const int DocumentCount = 80;
    private const int ShownDifferences = 30;
    private static readonly TimeSpan OurHangLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Generated_expressions_answer_as_jsonata_js_does()
    {
        var seed = EnvironmentInteger("JSONATA_DIFF_SEED") ?? DefaultSeed;
        var count = EnvironmentInteger("JSONATA_DIFF_COUNT") ?? DefaultCount;
        output.WriteLine($"seed {seed} (JSONATA_DIFF_SEED={seed} replays this run), {count} expressions over {DocumentCount} documents");

        var random = new Random(seed);
        var documentGenerator = new DocumentGenerator(random);
        var documents = Enumerable.Range(0, DocumentCount).Select(_ => documentGenerator.Document()).ToArray();
        var expressionGenerator = new ExpressionGenerator(random);
        var cases = Enumerable.Range(0, count)
            .Select(_ => (Expression: expressionGenerator.Expression(), Document: random.Next(10) == 0 ? -1 : random.Next(DocumentCount)))
            .ToArray();

        var reference = await ReferenceRunner.RunAsync(documents, cases);
        Assert.Equal(cases.Length, reference.Count);

        var allowed = AllowedDifferences.Load(RepositoryPaths.TestProjectFile("Differential", "allowed-differences.txt"));
        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        var differences = new List<string>();
        var unexplained = 0;
        for (var i = 0; i < cases.Length; i++)
        {
            var (expression, document) = cases[i];
            var ours = await EvaluateOursAsync(expression, document < 0 ? null : documents[document]);
            var (agreed, category) = Compare(reference[i], ours);
            if (agreed)
            {
                Count(tally, category);
                continue;
            }

            var reason = allowed.ReasonFor(expression);
            Count(tally, reason is null ? "differ" : "differ (allowed)");
            unexplained += reason is null ? 1 : 0;
            differences.Add(Describe(expression, document < 0 ? "(no input)" : documents[document], reference[i], ours, reason));
        }

        var summary = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"tried {cases.Length}, differed {differences.Count} ({unexplained} not allowed); seed {seed}")
            .AppendLine(string.Join(", ", tally.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {t.Value}")));
        output.WriteLine(summary.ToString());
        foreach (var difference in differences.Take(ShownDifferences))
        {
            output.WriteLine(difference);
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "jsonata-differential.txt"), summary + "\n" + string.Join("\n", differences));

        Assert.True(unexplained == 0,
            $"{unexplained} of {cases.Length} generated expressions answer differently from jsonata-js 2.0.6 (seed {seed}); "
            + $"all differences are in {Path.Combine(folder, "jsonata-differential.txt")}. First ones:\n"
            + string.Join("\n", differences.Where(d => d.Contains("[not allowed]", StringComparison.Ordinal)).Take(10)));
    }

    private static (bool Agreed, string Category) Compare(ReferenceAnswer reference, OurAnswer ours)
    {
        if (reference.Hung)
        {
            // jsonata-js loops forever on a few inputs: there is nothing to compare with.
            return (true, "reference hung, not compared");
        }

        if (ours.Crash is not null)
        {
            return (false, "");
        }

        if (!reference.IsError)
        {
            return ours.Error is null
                && ValueText.Of(reference.Value!.Value, KeyOrder.SortedWhenIntegerLike) == ValueText.Of(ours.Value, KeyOrder.SortedWhenIntegerLike)
                ? (true, "same value")
                : (false, "");
        }

        if (reference.Code is null)
        {
            // jsonata-js itself crashed (a TypeError, not a JSONata error): any coded error of ours agrees.
            return ours.Error is not null ? (true, "reference crashed, ours raised") : (false, "");
        }

        return ours.Error?.Code == reference.Code ? (true, "same error") : (false, "");
    }

    private static async Task<OurAnswer> EvaluateOursAsync(string expression, string? document)
    {
        var evaluation = Task.Run(() =>
        {
            try
            {
                var input = document is null ? null : JsonReading.ToValue(JsonDocument.Parse(document).RootElement);
                var options = new JsonataOptions { Timeout = TimeSpan.FromSeconds(10) };
                return new OurAnswer(JsonataExpression.Compile(expression, options).Evaluate(input), null, null);
            }
            catch (JsonataException error)
            {
                return new OurAnswer(null, error, null);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                return new OurAnswer(null, null, $"{error.GetType().Name}: {error.Message}");
            }
        });
        try
        {
            return await evaluation.WaitAsync(OurHangLimit);
        }
        catch (TimeoutException)
        {
            return new OurAnswer(null, null, $"did not finish within {OurHangLimit.TotalSeconds:0} s");
        }
    }

    private static string Describe(string expression, string input, ReferenceAnswer reference, OurAnswer ours, string? reason)
    {
        var theirs = reference.Hung ? "did not finish"
            : reference.IsError
            ? $"error {reference.Code ?? "(uncoded)"}: {reference.Message}"
            : ValueText.Of(reference.Value!.Value, KeyOrder.SortedWhenIntegerLike);
        var mine = ours.Crash is not null
            ? $"unexpected {ours.Crash}"
            : ours.Error is not null
                ? $"error {ours.Error.Code}: {ours.Error.Message}"
                : ValueText.Of(ours.Value, KeyOrder.SortedWhenIntegerLike);
        return $"- expr:       {expression}\n  input:      {Shorten(input)}\n  jsonata-js: {Shorten(theirs)}\n  ours:       {Shorten(mine)}\n"
               + (reason is null ? "  [not allowed]\n" : $"  [allowed: {reason}]\n");
    }

    private static void Count(Dictionary<string, int> tally, string category) =>
        tally[category] = tally.GetValueOrDefault(category) + 1;

    private static int? EnvironmentInteger(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 297), "...");

    private sealed record OurAnswer(object? Value, JsonataException? Error, string? Crash);
}
