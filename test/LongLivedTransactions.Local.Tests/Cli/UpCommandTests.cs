using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Cli;

/// <summary>
/// <c>up</c> registers the saga in the flavour asked for, scales waits with <c>--time-scale</c>, and refuses a definition,
/// faults or options it cannot use.
/// </summary>
public sealed class UpCommandTests
{
    [Fact]
    public Task Up_with_the_JSONata_flavour_registers_that_definition_and_runs_it() =>
        WithUpAsync(["--flavour", "jsonata"], async (aws, saga) =>
        {
            JsonObject described = await aws.JsonAsync("stepfunctions", "describe-state-machine", "--state-machine-arn", saga);
            JsonObject definition = JsonNode.Parse(described["definition"]!.GetValue<string>())!.AsObject();
            Assert.Equal("JSONata", definition["QueryLanguage"]!.GetValue<string>());

            JsonObject started = await aws.JsonAsync(
                "stepfunctions", "start-execution", "--state-machine-arn", saga, "--input", "file://events/03-process-payment-fails.json");
            JsonObject ended = await aws.WaitForEndAsync(started["executionArn"]!.GetValue<string>());
            Assert.Equal("FAILED", ended["status"]!.GetValue<string>());
            Assert.Equal("ErrProcessPayment", ended["error"]!.GetValue<string>());
        });

    [Fact]
    public Task Up_at_time_scale_zero_ends_an_hour_long_wait_and_an_hour_long_retry_back_off_without_waiting() =>
        WithUpAsync(["--time-scale", "0"], async (aws, saga) =>
        {
            // The saga's first task, after an hour's Wait, retried once after an hour when its order fails.
            JsonObject described = await aws.JsonAsync("stepfunctions", "describe-state-machine", "--state-machine-arn", saga);
            JsonObject processOrder = JsonNode.Parse(described["definition"]!.GetValue<string>())!["States"]!["ProcessOrder"]!.AsObject();
            processOrder["Retry"] = new JsonArray(new JsonObject
            {
                ["ErrorEquals"] = new JsonArray("ErrProcessOrder"), ["IntervalSeconds"] = 3600, ["MaxAttempts"] = 1,
            });
            processOrder["Catch"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["Next"] = "Failed" });
            processOrder["Next"] = "Failed";
            var definition = new JsonObject
            {
                ["StartAt"] = "Hour",
                ["States"] = new JsonObject
                {
                    ["Hour"] = new JsonObject { ["Type"] = "Wait", ["Seconds"] = 3600, ["Next"] = "ProcessOrder" },
                    ["ProcessOrder"] = processOrder.DeepClone(),
                    ["Failed"] = new JsonObject { ["Type"] = "Pass", ["End"] = true },
                },
            };
            JsonObject created = await aws.JsonAsync(
                "stepfunctions", "create-state-machine", "--name", "HourLong", "--role-arn", described["roleArn"]!.GetValue<string>(),
                "--definition", definition.ToJsonString());

            JsonObject started = await aws.JsonAsync(
                "stepfunctions", "start-execution", "--state-machine-arn", created["stateMachineArn"]!.GetValue<string>(),
                "--input", "file://events/01-process-order-fails.json");
            string executionArn = started["executionArn"]!.GetValue<string>();
            JsonObject ended = await aws.WaitForEndAsync(executionArn);

            Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
            JsonObject history = await aws.JsonAsync("stepfunctions", "get-execution-history", "--execution-arn", executionArn);
            var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
            Assert.Contains("WaitStateExited", types);
            Assert.Equal(2, types.Count(type => type == "TaskFailed"));
        });

    [Theory]
    [InlineData("--definition", "no-such-definition.asl.json", "no-such-definition.asl.json: cannot read the definition")]
    [InlineData("--flavour", "yaml", "--flavour 'yaml' is not a flavour of the saga; use jsonpath or jsonata.")]
    [InlineData("--fault-rate", "1.5", "'--fault-rate' must be a number from 0 to 1, got 1.5.")]
    [InlineData("--faults", "no-such-faults.json", "Not a usable fault configuration:")]
    [InlineData("--time-scale", "-1", "--time-scale '-1' is not a number of 0 or more.")]
    [InlineData("--state-dir", "", "--state-dir needs a directory.")]
    [InlineData("--max-running", "0", "--max-running '0' is not a whole number of 1 or more.")]
    public async Task Up_refuses_a_definition_or_faults_it_cannot_use_before_it_starts_anything(string option, string value, string message)
    {
        using var errors = new StringWriter();

        int exitCode = await UpCommand.ExecuteAsync(["--port", "0", option, value], TextWriter.Null, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, errors.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>up --port 0 --in-memory</c> with <paramref name="options"/> until <paramref name="test"/> (given the AWS
    /// CLI on its endpoint and the saga's ARN) has ended, then stops it and requires a clean exit.
    /// </summary>
    private static async Task WithUpAsync(string[] options, Func<AwsCli, string, Task> test)
    {
        using var output = new ReadySignalingWriter();
        using var stop = new CancellationTokenSource();
        Task<int> up = UpCommand.ExecuteAsync(["--port", "0", "--in-memory", .. options], output, TextWriter.Null, stop.Token);
        try
        {
            await output.Ready.WaitAsync(TimeSpan.FromSeconds(120));
            string text = output.ToString();
            var endpoint = new Uri(Line(text, "Step Functions API").Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
            string saga = Line(text, "State machine").Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            await test(new AwsCli(Local.RepositoryRoot.Find(), endpoint), saga);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await up.WaitAsync(TimeSpan.FromSeconds(60)));
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
