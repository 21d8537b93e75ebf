using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Cli;

/// <summary><c>up</c> registers the saga in the flavour asked for, and refuses a definition or faults it cannot use.</summary>
public sealed class UpCommandTests
{
    [Fact]
    public async Task Up_with_the_JSONata_flavour_registers_that_definition_and_runs_it()
    {
        string root = Local.RepositoryRoot.Find();
        using var output = new ReadySignalingWriter();
        using var stop = new CancellationTokenSource();
        Task<int> up = UpCommand.ExecuteAsync(["--port", "0", "--in-memory", "--flavour", "jsonata"], output, TextWriter.Null, stop.Token);
        try
        {
            await output.Ready.WaitAsync(TimeSpan.FromSeconds(120));
            string text = output.ToString();
            var endpoint = new Uri(Line(text, "Step Functions API").Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
            string saga = Line(text, "State machine").Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            var aws = new AwsCli(root, endpoint);

            JsonObject described = await aws.JsonAsync("stepfunctions", "describe-state-machine", "--state-machine-arn", saga);
            JsonObject definition = JsonNode.Parse(described["definition"]!.GetValue<string>())!.AsObject();
            Assert.Equal("JSONata", definition["QueryLanguage"]!.GetValue<string>());

            JsonObject started = await aws.JsonAsync(
                "stepfunctions", "start-execution", "--state-machine-arn", saga, "--input", "file://events/03-process-payment-fails.json");
            JsonObject ended = await aws.WaitForEndAsync(started["executionArn"]!.GetValue<string>());
            Assert.Equal("FAILED", ended["status"]!.GetValue<string>());
            Assert.Equal("ErrProcessPayment", ended["error"]!.GetValue<string>());
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await up.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData("--definition", "no-such-definition.asl.json", "no-such-definition.asl.json: cannot read the definition")]
    [InlineData("--flavour", "yaml", "--flavour 'yaml' is not a flavour of the saga; use jsonpath or jsonata.")]
    [InlineData("--fault-rate", "1.5", "'--fault-rate' must be a number from 0 to 1, got 1.5.")]
    [InlineData("--faults", "no-such-faults.json", "Not a usable fault configuration:")]
    public async Task Up_refuses_a_definition_or_faults_it_cannot_use_before_it_starts_anything(string option, string value, string message)
    {
        using var errors = new StringWriter();

        int exitCode = await UpCommand.ExecuteAsync(["--port", "0", option, value], TextWriter.Null, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, errors.ToString(), StringComparison.Ordinal);
    }

    private static string Line(string text, string label) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Single(line => line.StartsWith(label, StringComparison.Ordinal));

    /// <summary>Collects what <c>up</c> prints and completes <see cref="Ready"/> once it prints its ready line.</summary>
    private sealed class ReadySignalingWriter : StringWriter
    {
        private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ready => ready.Task;

        public override Task WriteLineAsync(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            if (value?.Contains(UpCommand.ReadyLine, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (this)
            {
                return base.ToString();
            }
        }
    }
}
