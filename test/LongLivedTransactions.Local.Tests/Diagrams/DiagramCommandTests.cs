using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Diagrams;

/// <summary>The <c>diagram</c> command: a flowchart on standard output, or a clear error and exit code 2.</summary>
public sealed class DiagramCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("diagram-command-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_yaml_definition_with_placeholders_prints_its_flowchart()
    {
        string file = Path.Combine(directory, "order.asl.yaml");
        await File.WriteAllTextAsync(file, """
            StartAt: Create
            States:
              Create:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Parameters:
                  FunctionName: ${NewOrderFunctionArn}
                  Payload.$: $
                Catch:
                  - ErrorEquals: [ErrProcessOrder]
                    Next: Undo
                End: true
              Undo:
                Type: Fail
            """);

        var (exitCode, output, errors) = await RunAsync(file);

        Assert.Equal(0, exitCode);
        Assert.Equal("", errors);
        Assert.StartsWith("flowchart TD\n", output, StringComparison.Ordinal);
        Assert.Contains("    Create -.->|\"ErrProcessOrder\"| Undo\n", output, StringComparison.Ordinal);
        Assert.Contains("    Undo([\"Undo\"]):::fail\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_file_is_a_usage_error()
    {
        var (exitCode, output, errors) = await RunAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("Usage: diagram FILE", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_and_an_invalid_definition_are_reported_without_a_diagram()
    {
        string invalid = Path.Combine(directory, "invalid.asl.json");
        await File.WriteAllTextAsync(invalid, """{"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "End": true}}}""");

        var missing = await RunAsync(Path.Combine(directory, "missing.json"));
        var bad = await RunAsync(invalid);

        Assert.Equal((2, ""), (missing.ExitCode, missing.Output));
        Assert.Contains("missing.json: cannot read the definition", missing.Errors, StringComparison.Ordinal);
        Assert.Equal((2, ""), (bad.ExitCode, bad.Output));
        Assert.Contains("invalid.asl.json", bad.Errors, StringComparison.Ordinal);
        Assert.Contains("Nowhere", bad.Errors, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int exitCode = await DiagramCommand.ExecuteAsync(args, output, errors, CancellationToken.None);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
