using LongLivedTransactions.StatesLanguage.Execution;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class WaitFailSucceedTests
{
    private static TimeSpan WaitDuration(StatesLanguage.Execution.Execution execution)
    {
        var entered = Events(execution, "WaitStateEntered").Single().Timestamp;
        var exited = Events(execution, "WaitStateExited").Single().Timestamp;
        return exited - entered;
    }

    [Theory]
    [InlineData("\"Seconds\":30", "{}", 30)]
    [InlineData("\"SecondsPath\":\"$.wait\"", "{\"wait\":45}", 45)]
    public async Task Wait_sleeps_for_seconds_on_the_fake_clock(string field, string input, int expectedSeconds)
    {
        var execution = await RunAsync($$$$"""{"StartAt":"W","States":{"W":{"Type":"Wait",{{{{field}}}},"End":true}}}""", input);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WaitDuration(execution));
        AssertJson(input, Output(execution));
    }

    [Theory]
    [InlineData("\"Timestamp\":\"2024-01-01T00:02:00Z\"", "{}", "2024-01-01T00:02:00Z")]
    [InlineData("\"TimestampPath\":\"$.until\"", "{\"until\":\"2024-01-01T00:10:00.5+00:00\"}", "2024-01-01T00:10:00.5Z")]
    public async Task Wait_sleeps_until_a_timestamp_on_the_fake_clock(string field, string input, string until)
    {
        var execution = await RunAsync($$$$"""{"StartAt":"W","States":{"W":{"Type":"Wait",{{{{field}}}},"End":true}}}""", input);

        // The harness moves the clock in whole seconds, so the wait ends within a second after the timestamp.
        var exited = Events(execution, "WaitStateExited").Single().Timestamp;
        var target = DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(exited, target, target.AddSeconds(1));
    }

    [Fact]
    public async Task A_timestamp_in_the_past_does_not_wait()
    {
        var execution = await RunAsync("""{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","End":true}}}""");

        Assert.Equal(TimeSpan.Zero, WaitDuration(execution));
    }

    [Theory]
    [InlineData("{\"input\":{\"waitSeconds\":-1}}", "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1")]
    [InlineData("{\"input\":{\"waitSeconds\":1.5}}", "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5")]
    [InlineData("{\"input\":{}}", "The SecondsPath parameter does not reference an input value: $.input.waitSeconds")]
    public async Task Bad_SecondsPath_values_fail_with_States_Runtime(string input, string detail)
    {
        var execution = await RunAsync("""{"StartAt":"WaitState","States":{"WaitState":{"Type":"Wait","SecondsPath":"$.input.waitSeconds","End":true}}}""", input);

        Assert.Equal("States.Runtime", execution.Error);
        Assert.Equal($"An error occurred while executing the state 'WaitState' (entered at the event id #2). {detail}", execution.Cause);
    }

    [Fact]
    public async Task A_TimestampPath_without_zone_fails()
    {
        var execution = await RunAsync(
            """{"StartAt":"WaitUntil","States":{"WaitUntil":{"Type":"Wait","TimestampPath":"$.TimestampValue","End":true}}}""",
            """{"TimestampValue":"2016-12-05T21:29:29"}""");

        Assert.Equal(
            "An error occurred while executing the state 'WaitUntil' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05T21:29:29",
            execution.Cause);
    }

    [Fact]
    public async Task Fail_reports_its_error_and_cause()
    {
        var execution = await RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"SomeFailure","Cause":"It broke."}}}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("SomeFailure", execution.Error);
        Assert.Equal("It broke.", execution.Cause);
        Assert.Equal(["1 0 ExecutionStarted", "2 0 FailStateEntered", "3 2 ExecutionFailed"], Outline(execution));
    }

    [Fact]
    public async Task Fail_reads_ErrorPath_and_CausePath_including_intrinsics()
    {
        var execution = await RunAsync(
            """{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.error","CausePath":"States.Format('code {}', $.code)"}}}""",
            """{"error":"Custom","code":7}""");

        Assert.Equal("Custom", execution.Error);
        Assert.Equal("code 7", execution.Cause);
    }

    [Fact]
    public async Task Fail_without_error_reports_none()
    {
        var execution = await RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail"}}}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Null(execution.Error);
        Assert.Null(execution.Cause);
    }

    [Fact]
    public async Task A_missing_CausePath_fails_with_States_Runtime()
    {
        var execution = await RunAsync(
            """{"StartAt":"fail","States":{"fail":{"Type":"Fail","ErrorPath":"$.Error","CausePath":"$.NoSuchCausePath"}}}""",
            """{"Error":"error-value"}""");

        Assert.Equal("States.Runtime", execution.Error);
        Assert.Equal(
            "An error occurred while executing the state 'fail' (entered at the event id #2). The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{\"Error\":\"error-value\"}'",
            execution.Cause);
    }

    [Fact]
    public async Task Succeed_ends_the_execution_with_its_filtered_input()
    {
        var execution = await RunAsync("""{"StartAt":"S","States":{"S":{"Type":"Succeed","OutputPath":"$.keep"}}}""", """{"keep":[1,2],"drop":3}""");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson("[1,2]", Output(execution));
    }
}
