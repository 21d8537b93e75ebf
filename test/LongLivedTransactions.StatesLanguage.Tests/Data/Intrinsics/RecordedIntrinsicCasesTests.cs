using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.Intrinsics;

/// <summary>
/// The intrinsic-function executions AWS Step Functions recorded (../shared/conformance/asl/cases.jsonl,
/// tag dir:intrinsic_functions). Each case whose state machine is a single Pass state computing one
/// field with a JSONPath intrinsic call is evaluated here directly against AWS's recorded output;
/// the remaining cases need the whole engine and are run by the engine's conformance tests.
/// </summary>
public sealed class RecordedIntrinsicCasesTests
{
    // What the recorded context object holds, after the corpus' name normalisation.
    private const string StateMachineName = "<ArnPart_0idx>";
    private const string ExecutionName = "<ExecArnPart_0idx>";

    public static TheoryData<string> CaseIds()
    {
        var ids = new TheoryData<string>();
        foreach (var recorded in RecordedCase.All)
        {
            ids.Add(recorded.Id);
        }

        return ids;
    }

    [Fact]
    public void The_corpus_has_the_single_field_cases()
    {
        // 164 cases carry the tag; 131 of them are one JSONPath Pass state with one intrinsic field.
        Assert.Equal(131, RecordedCase.All.Count);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Gives_the_output_AWS_recorded(string id)
    {
        var recorded = RecordedCase.All.Single(c => c.Id == id);
        var call = IntrinsicFunctionCall.Parse(recorded.Expression);

        var result = call.Evaluate(path => Resolve(path, recorded.Input), new Random(11));

        switch (recorded.Expected)
        {
            case JsonValue masked when IsMask(masked, "RandomNumberGenerated"):
                // The recording masked the random number; check the range instead.
                var bounds = call.Name == "States.MathRandom" ? recorded.Input!["FunctionInput"]! : null;
                Assert.NotNull(bounds);
                var number = (long)result!;
                Assert.InRange(number, Math.Floor((double)bounds["fst"]! + 0.5), (double)bounds["snd"]!);
                break;
            case JsonValue masked when IsMask(masked, "generated-uuid"):
                Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)result!);
                break;
            default:
                Assert.True(
                    JsonNode.DeepEquals(recorded.Expected, result),
                    $"{recorded.Expression}: AWS gave {recorded.Expected?.ToJsonString() ?? "null"}, we gave {result?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static bool IsMask(JsonValue value, string mask) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == mask;

    private static JsonNode? Resolve(string path, JsonNode? input)
    {
        JsonNode? root = input;
        var text = path;
        if (path.StartsWith("$$", StringComparison.Ordinal))
        {
            root = new JsonObject
            {
                ["Execution"] = new JsonObject
                {
                    ["Id"] = $"arn:<partition>:states:<region>:111111111111:execution:{StateMachineName}:{ExecutionName}",
                    ["Input"] = input?.DeepClone(),
                    ["Name"] = ExecutionName,
                },
                ["StateMachine"] = new JsonObject
                {
                    ["Id"] = $"arn:<partition>:states:<region>:111111111111:stateMachine:{StateMachineName}",
                    ["Name"] = StateMachineName,
                },
            };
            text = path[1..];
        }

        var expression = JsonPathExpression.Parse(text);
        return expression.TryEvaluate(root, out var value, out var failure) ? value : throw new InvalidOperationException(failure);
    }

    private sealed record RecordedCase(string Id, string Expression, JsonNode? Input, JsonNode? Expected)
    {
        private static readonly Lazy<IReadOnlyList<RecordedCase>> Cases = new(Load);

        public static IReadOnlyList<RecordedCase> All => Cases.Value;

        private static List<RecordedCase> Load()
        {
            var cases = new List<RecordedCase>();
            foreach (var line in File.ReadLines(SharedConformanceData.PathOf("asl/cases.jsonl")))
            {
                var node = JsonNode.Parse(line)!;
                if (!node["tags"]!.AsArray().Any(tag => (string?)tag == "dir:intrinsic_functions") || (string?)node["queryLanguage"] != "JSONPath")
                {
                    continue;
                }

                var states = node["definition"]!["States"]!.AsObject();
                if (states.Count != 1 || states.First().Value is not JsonObject state
                    || (string?)state["Type"] != "Pass" || state["QueryLanguage"] is not null
                    || state["ResultPath"] is not null || state["OutputPath"] is not null
                    || state["Parameters"] is not JsonObject { Count: 1 } parameters)
                {
                    continue;
                }

                var (field, expression) = parameters.First();
                if (!field.EndsWith(".$", StringComparison.Ordinal) || expression is null)
                {
                    continue;
                }

                var expected = node["expected"]!["output"]![field[..^2]];
                cases.Add(new RecordedCase((string)node["id"]!, (string)expression!, JsonNode.Parse((string)node["input"]!), expected?.DeepClone()));
            }

            return cases;
        }
    }
}
