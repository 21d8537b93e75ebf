using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Cli;
using LongLivedTransactions.Local.Tests.Saga;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Tests.Workshop;

/// <summary>
/// The workshop guide (docs/workshop.md) builds the saga in steps, in two tracks; each step's machine is a file in
/// docs/workshop/. Every file runs the seven scenarios on the local cloud and must give what the guide says it gives,
/// as docs/workshop/expected-outcomes.json records it.
/// </summary>
public class WorkshopStepTests(LocalCloudFixture fixture) : IClassFixture<LocalCloudFixture>
{
    private static readonly string WorkshopFolder = Path.Combine(LocalCloudFixture.RepositoryRoot, "docs", "workshop");

    public static TheoryData<string, int> StepFiles()
    {
        var data = new TheoryData<string, int>();
        foreach (string track in (string[])["jsonpath", "jsonata"])
        {
            foreach (JsonNode? step in ExpectedSteps())
            {
                data.Add(track, step!["step"]!.GetValue<int>());
            }
        }

        return data;
    }

    [Fact]
    public void Every_step_file_has_its_expected_outcomes()
    {
        string[] files = Directory.GetFiles(WorkshopFolder, "*-step-*.asl.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        string[] expected = StepFiles().Select(row => $"{row[0]}-step-{row[1]}.asl.json").Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, files);
    }

    [Theory]
    [MemberData(nameof(StepFiles))]
    public async Task The_step_gives_what_the_guide_says(string track, int step)
    {
        LoadedSagaDefinition machine = SagaDefinition.Read(Path.Combine(WorkshopFolder, $"{track}-step-{step}.asl.json"), fixture.Cloud.Arns);
        JsonArray outcomes = ExpectedSteps().Single(s => s!["step"]!.GetValue<int>() == step)!["outcomes"]!.AsArray();

        foreach (JsonNode? outcome in outcomes)
        {
            string file = outcome!["file"]!.GetValue<string>();
            string name = $"{track}-{step}-{Path.GetFileNameWithoutExtension(file)}";
            Execution execution = fixture.Cloud.Engine.Start(new ExecutionRequest(
                fixture.Cloud.Arns.StateMachine(name),
                fixture.Cloud.Arns.Execution(name, "run"),
                "run",
                machine.Definition,
                File.ReadAllText(Path.Combine(LocalCloudFixture.RepositoryRoot, file))));
            await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(
                (file, string.Join(" → ", LocalCloudFixture.Strings(outcome["path"])), outcome["status"]!.GetValue<string>(), outcome["error"]?.GetValue<string>()),
                (file, string.Join(" → ", ExecutionPath.FromHistory(execution.GetHistory())), ApiJson.StatusText(execution.Status), execution.Error));
        }
    }

    [Theory]
    [InlineData("jsonpath")]
    [InlineData("jsonata")]
    public async Task The_last_step_passes_check(string track)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int lastStep = ExpectedSteps().Max(step => step!["step"]!.GetValue<int>());

        int exitCode = await CheckCommand.ExecuteAsync(
            [Path.Combine(WorkshopFolder, $"{track}-step-{lastStep}.asl.json")], output, errors, CancellationToken.None);

        Assert.True(exitCode == 0, output.ToString() + errors);
        Assert.Contains("7 of 7 scenarios right.", output.ToString(), StringComparison.Ordinal);
    }

    private static JsonArray ExpectedSteps() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(WorkshopFolder, "expected-outcomes.json")))!["steps"]!.AsArray();
}
