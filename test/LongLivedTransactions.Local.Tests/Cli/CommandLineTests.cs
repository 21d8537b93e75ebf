using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Cli;

/// <summary>The command line refuses bad usage with the command's usage line and exit code 2, before it starts anything.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("")]
    [InlineData("deploy")]
    public async Task No_command_or_an_unknown_one_prints_the_usage_of_every_command(string commandLine)
    {
        using var errors = new StringWriter();

        int exitCode = await LocalCommandLine.InvokeAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains($"  {RunCommand.Usage}", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {UpCommand.Usage}", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {CheckCommand.Usage}", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {DiagramCommand.Usage}", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {SoakCommand.Usage}", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {InvariantsCommand.Usage}", errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run", "events/07-order-succeeds.json", "--bogus" }, "Unknown option '--bogus'.", RunCommand.Usage)]
    [InlineData(new[] { "run", "events/07-order-succeeds.json", "--dynamodb-endpoint", "not a url" }, "--dynamodb-endpoint 'not a url' is not an absolute URL.", RunCommand.Usage)]
    [InlineData(new[] { "up", "--port", "70000" }, "--port '70000' is not a port number (0 to 65535).", UpCommand.Usage)]
    [InlineData(new[] { "up", "--mock-config" }, "--mock-config needs a value.", UpCommand.Usage)]
    [InlineData(new[] { "up", "events/07-order-succeeds.json" }, "Unrecognized command or argument 'events/07-order-succeeds.json'.", UpCommand.Usage)]
    [InlineData(new[] { "check" }, "Required argument missing for command: 'check'.", CheckCommand.Usage)]
    [InlineData(new[] { "check", "statemachine/saga.asl.json", "--set", "NewOrderFunction" }, "--set 'NewOrderFunction' is not NAME=ARN.", CheckCommand.Usage)]
    public async Task A_bad_option_names_the_problem_and_the_commands_usage(string[] args, string problem, string usage)
    {
        using var errors = new StringWriter();

        int exitCode = await LocalCommandLine.InvokeAsync(args, TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Equal([problem, $"Usage: {usage}"], errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Help_describes_the_options_of_a_command()
    {
        using var output = new StringWriter();

        int exitCode = await LocalCommandLine.InvokeAsync(["run", "--help"], output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exitCode);
        foreach (string option in new[] { "--json", "--dynamodb-endpoint <URL>", "--flavour <jsonpath|jsonata>", "--definition <FILE>" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }
}
