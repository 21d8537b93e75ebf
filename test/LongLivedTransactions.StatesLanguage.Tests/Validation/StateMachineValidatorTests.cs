using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Tests.Validation;

public sealed class StateMachineValidatorTests
{
    private static ValidationDiagnostic SingleError(string definition)
    {
        var diagnostics = StateMachineValidator.Validate(definition);
        return Assert.Single(diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_valid_definition_has_no_errors()
    {
        var diagnostics = StateMachineValidator.Validate("""{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"S"},"S":{"Type":"Succeed"}}}""");

        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_missing_Next_target_is_reported_where_it_is()
    {
        var error = StateMachineValidator.Validate("""{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Nowhere"},"S":{"Type":"Succeed"}}}""")
            .Single(d => d.Message.StartsWith("Missing 'Next' target", StringComparison.Ordinal));

        Assert.Equal(("ERROR", "MISSING_TRANSITION_TARGET", "/States/P/Next"), (error.Severity, error.Code, error.Location));
        Assert.Contains("Nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_StartAt_target_is_reported()
    {
        var diagnostics = StateMachineValidator.Validate("""{"StartAt":"X","States":{"P":{"Type":"Pass","End":true}}}""");

        Assert.Contains(diagnostics, d => d.Code == "MISSING_TRANSITION_TARGET" && d.Location == "/StartAt");
    }

    [Theory]
    [InlineData("$error")]
    [InlineData("$$.Execution")]
    public void A_ResultPath_that_is_not_in_the_state_data_is_refused(string resultPath)
    {
        var error = SingleError("""{"StartAt":"P","States":{"P":{"Type":"Pass","ResultPath":"RESULT_PATH","End":true}}}""".Replace("RESULT_PATH", resultPath, StringComparison.Ordinal));

        Assert.Equal(("SCHEMA_VALIDATION_FAILED", "/States/P/ResultPath"), (error.Code, error.Location));
    }

    [Fact]
    public void An_unreachable_state_is_reported()
    {
        var error = SingleError("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true},"Lonely":{"Type":"Pass","End":true}}}""");

        Assert.Equal(("MISSING_TRANSITION_TARGET", "State \"Lonely\" is not reachable.", "/States/Lonely"), (error.Code, error.Message, error.Location));
    }

    [Fact]
    public void A_state_without_Next_or_End_is_reported()
    {
        var diagnostics = StateMachineValidator.Validate("""{"StartAt":"P","States":{"P":{"Type":"Pass"},"S":{"Type":"Succeed"}}}""");

        Assert.Contains(diagnostics, d => d.Code == "SCHEMA_VALIDATION_FAILED" && d.Location == "/States/P" && d.Message.Contains("'Next' or 'End'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_graph_without_a_terminal_state_is_reported()
    {
        var diagnostics = StateMachineValidator.Validate("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"C":{"Type":"Pass","Next":"A"}}}""");

        // As AWS answers: one diagnostic without a location; the unreachable C is not reported alongside it.
        var error = Assert.Single(diagnostics);
        Assert.Equal(("MISSING_END_STATE", "Workflow has no terminal state", null), (error.Code, error.Message, error.Location));
    }

    [Theory]
    [InlineData("""{"ErrorEquals":["States.ALL","Other"]}""")]
    [InlineData("""{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["Other"]}""")]
    public void States_ALL_must_be_alone_and_last(string retriers)
    {
        var error = SingleError($$$$"""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{{{{retriers}}}}],"End":true}}}""");

        Assert.Equal(("SCHEMA_VALIDATION_FAILED", "/States/T/Retry/0/ErrorEquals"), (error.Code, error.Location));
    }

    [Fact]
    public void A_field_not_allowed_on_the_state_type_is_reported()
    {
        var error = SingleError("""{"StartAt":"P","States":{"P":{"Type":"Pass","Resource":"arn:aws:states:::lambda:invoke","End":true}}}""");

        Assert.Equal(("SCHEMA_VALIDATION_FAILED", "/States/P/Resource"), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("\"InputPath\":\"$.a[\"", "/States/P/InputPath")]
    [InlineData("\"ResultPath\":\"$.items[*]\"", "/States/P/ResultPath")]
    [InlineData("\"Parameters\":{\"x.$\":\"States.Nope(1)\"}", "/States/P/Parameters/x.$")]
    [InlineData("\"Parameters\":{\"x.$\":\"States.Format('a'\"}", "/States/P/Parameters/x.$")]
    [InlineData("\"Parameters\":{\"x.$\":42}", "/States/P/Parameters/x.$")]
    public void Bad_paths_and_intrinsic_calls_are_reported(string field, string location)
    {
        var error = SingleError($$$$"""{"StartAt":"P","States":{"P":{"Type":"Pass",{{{{field}}}},"End":true}}}""");

        Assert.Equal(("SCHEMA_VALIDATION_FAILED", location), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("\"BackoffRate\":0.5", "BackoffRate")]
    [InlineData("\"MaxAttempts\":-1", "MaxAttempts")]
    [InlineData("\"IntervalSeconds\":0", "IntervalSeconds")]
    [InlineData("\"MaxDelaySeconds\":0", "MaxDelaySeconds")]
    [InlineData("\"JitterStrategy\":\"SOME\"", "JitterStrategy")]
    public void Out_of_range_retry_fields_are_reported(string field, string name)
    {
        var error = SingleError($$$$"""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"],{{{{field}}}}}],"End":true}}}""");

        Assert.Equal($"/States/T/Retry/0/{name}", error.Location);
    }

    [Fact]
    public void An_invalid_resource_is_reported()
    {
        var error = SingleError("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"not-an-arn","End":true}}}""");

        Assert.Equal("INVALID_RESOURCE", error.Code);
    }

    [Fact]
    public void Duplicate_state_names_are_reported()
    {
        var error = SingleError("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true},"P":{"Type":"Succeed"}}}""");

        Assert.Equal(("DUPLICATE_STATE_NAME", "/States/P"), (error.Code, error.Location));
    }

    [Fact]
    public void Broken_JSON_is_INVALID_JSON_DESCRIPTION()
    {
        var error = SingleError("""{"StartAt":"P","States":{""");

        Assert.Equal("INVALID_JSON_DESCRIPTION", error.Code);
    }

    [Fact]
    public void Broken_YAML_is_INVALID_JSON_DESCRIPTION_and_empty_text_MISSING_DESCRIPTION()
    {
        var yaml = SingleError("StartAt: P\nStates:\n  P: [unclosed\n");
        var empty = SingleError("   ");

        Assert.Equal("INVALID_JSON_DESCRIPTION", yaml.Code);
        Assert.Equal("MISSING_DESCRIPTION", empty.Code);
    }

    [Fact]
    public void Choice_rules_are_checked()
    {
        var diagnostics = StateMachineValidator.Validate("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Variable":"$.a","NumericEquals":"not a number","Next":"S"},
              {"Variable":"$.a","NoSuchOperator":1,"Next":"S"},
              {"And":[{"Variable":"$.a","IsNull":true,"Next":"S"}],"Next":"S"}]},
              "S":{"Type":"Succeed"}}}
            """);

        Assert.Contains(diagnostics, d => d.Location == "/States/C/Choices/0/NumericEquals");
        Assert.Contains(diagnostics, d => d.Location == "/States/C/Choices/1/NoSuchOperator");
        Assert.Contains(diagnostics, d => d.Location == "/States/C/Choices/2/And/0/Next");
    }

    [Fact]
    public void Nested_graphs_are_checked_too()
    {
        var error = StateMachineValidator.Validate("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Next":"Missing"},"S":{"Type":"Succeed"}}},"End":true}}}
            """).Single(d => d.Message.StartsWith("Missing 'Next' target", StringComparison.Ordinal));

        Assert.Equal(("MISSING_TRANSITION_TARGET", "/States/M/ItemProcessor/States/I/Next"), (error.Code, error.Location));
    }

    [Fact]
    public void A_dollar_less_path_value_is_a_warning()
    {
        var diagnostics = StateMachineValidator.Validate("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x":"$.y"},"End":true}}}""");

        var warning = Assert.Single(diagnostics);
        Assert.Equal(("WARNING", "NO_DOLLAR", "/States/P/Parameters/x"), (warning.Severity, warning.Code, warning.Location));
    }
}
