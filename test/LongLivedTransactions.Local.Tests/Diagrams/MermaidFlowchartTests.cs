using LongLivedTransactions.Local.Diagrams;
using LongLivedTransactions.StatesLanguage.Parsing;

namespace LongLivedTransactions.Local.Tests.Diagrams;

/// <summary>The flowchart of definitions that use every kind of transition and nesting.</summary>
public sealed class MermaidFlowchartTests
{
    [Fact]
    public void Parallel_branches_and_map_item_processors_are_nested_subgraphs_with_their_own_edges()
    {
        string chart = MermaidFlowchart.Generate(StateMachineParser.Parse("""
            {
              "StartAt": "FanOut",
              "States": {
                "FanOut": {
                  "Type": "Parallel",
                  "Branches": [
                    { "StartAt": "Tag", "States": { "Tag": { "Type": "Pass", "End": true } } },
                    { "StartAt": "EachItem", "States": { "EachItem": { "Type": "Map",
                      "ItemProcessor": { "StartAt": "Price", "States": {
                        "Price": { "Type": "Pass", "Next": "Check" }, "Check": { "Type": "Succeed" } } },
                      "End": true } } }
                  ],
                  "Catch": [ { "ErrorEquals": [ "States.BranchFailed" ], "Next": "Failed" }, { "ErrorEquals": [ "States.ALL" ], "Next": "Failed" } ],
                  "End": true
                },
                "Failed": { "Type": "Fail" }
              }
            }
            """));

        Assert.Equal(
            """
            flowchart TD
                __start((" ")) --> FanOut
                subgraph FanOut["Parallel: FanOut"]
                    subgraph FanOut_branch0["Branch 1"]
                        Tag["Tag"]
                    end
                    subgraph FanOut_branch1["Branch 2"]
                        subgraph EachItem["Map: EachItem"]
                            Price["Price"]
                            Check(["Check"]):::succeed
                            Price --> Check
                        end
                    end
                end
                Failed(["Failed"]):::fail
                FanOut -.->|"States.BranchFailed, States.ALL"| Failed
                classDef choice fill:#eef2f6,stroke:#5f6b7a
                classDef succeed fill:#e9f6e6,stroke:#1d8102
                classDef fail fill:#fdecea,stroke:#d13212
                style __start fill:#232f3e,stroke:#232f3e

            """.ReplaceLineEndings("\n"),
            chart);
    }

    [Fact]
    public void Choice_edges_carry_their_shortened_condition_and_names_that_mermaid_cannot_take_get_safe_ids()
    {
        string chart = MermaidFlowchart.Generate(StateMachineParser.Parse("""
            {
              "StartAt": "Route",
              "States": {
                "Route": {
                  "Type": "Choice",
                  "Choices": [
                    { "Variable": "$.mode", "StringEquals": "fan|out", "Next": "end" },
                    { "And": [ { "Variable": "$.n", "NumericGreaterThanPath": "$.limit" }, { "Not": { "Variable": "$.extra", "IsNull": true } } ], "Next": "2nd step" },
                    { "Variable": "$.note", "IsPresent": false, "Next": "end" }
                  ],
                  "Default": "2nd step"
                },
                "end": { "Type": "Succeed" },
                "2nd step": { "Type": "Pass", "End": true }
              }
            }
            """));

        Assert.Contains("    Route{\"Route\"}:::choice\n", chart, StringComparison.Ordinal);
        Assert.Contains("    s_end([\"end\"]):::succeed\n", chart, StringComparison.Ordinal);
        Assert.Contains("    s_2nd_step[\"2nd step\"]\n", chart, StringComparison.Ordinal);
        Assert.Contains("    Route -->|\"$.mode == #quot;fan#124;out#quot;\"| s_end\n", chart, StringComparison.Ordinal);
        Assert.Contains("    Route -->|\"($.n #gt; $.limit) and (not ($.extra is nu…\"| s_2nd_step\n", chart, StringComparison.Ordinal);
        Assert.Contains("    Route -->|\"$.note is absent\"| s_end\n", chart, StringComparison.Ordinal);
        Assert.Contains("    Route -->|\"Default\"| s_2nd_step\n", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jsonata_choice_shows_its_condition_as_written()
    {
        string chart = MermaidFlowchart.Generate(StateMachineParser.Parse("""
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Big",
              "States": {
                "Big": { "Type": "Choice", "Choices": [ { "Condition": "{% $states.input.total > 100 %}", "Next": "Yes" } ], "Default": "No" },
                "Yes": { "Type": "Succeed" },
                "No": { "Type": "Fail", "Error": "Small" }
              }
            }
            """));

        Assert.Contains("    Big -->|\"$states.input.total #gt; 100\"| Yes\n", chart, StringComparison.Ordinal);
        Assert.Contains("    Big -->|\"Default\"| No\n", chart, StringComparison.Ordinal);
    }
}
