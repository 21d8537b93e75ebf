using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Json;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Core.Tests;

/// <summary>The scenario inputs are valid orders and their expected paths run through states of the definition.</summary>
public class ScenarioFileTests
{
    public const string ScenariosPath = "events/expected/scenarios.json";

    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in ScenarioFileNames())
        {
            data.Add(file);
        }

        return data;
    }

    private static IEnumerable<string> ScenarioFileNames() =>
        TestFiles.ReadJson(ScenariosPath)["scenarios"]!.AsArray().Select(scenario => scenario!["file"]!.GetValue<string>());

    [Fact]
    public void Every_event_file_has_an_expected_path_and_there_are_seven()
    {
        string[] eventFiles = Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot, "events"), "*.json")
            .Select(path => "events/" + Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(7, eventFiles.Length);
        Assert.Equal(eventFiles, ScenarioFileNames().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Each_scenario_is_a_valid_order_with_date_customer_and_one_to_three_items(string file)
    {
        Order order = JsonSerializer.Deserialize(TestFiles.ReadText(file), SagaJsonContext.Default.Order)!;

        Assert.Null(OrderValidator.FindProblem(order));
        Assert.True(DateTimeOffset.TryParse(order.OrderDate, System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Matches(@"[+-]\d\d:\d\d$|Z$", order.OrderDate);
        Assert.True(Guid.TryParse(order.CustomerId, out _));
        Assert.InRange(order.Items!.Count, 1, 3);
    }

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath)]
    [InlineData(SagaQueryLanguage.Jsonata)]
    public void Expected_paths_use_only_states_of_the_definition_and_end_in_a_terminal_state(SagaQueryLanguage flavour)
    {
        JsonObject states = TestFiles.ReadJson(SagaTopology.DefinitionPath(flavour))["States"]!.AsObject();
        foreach (JsonNode? scenario in TestFiles.ReadJson(ScenariosPath)["scenarios"]!.AsArray())
        {
            string[] path = scenario!["path"]!.AsArray().Select(step => step!.GetValue<string>()).ToArray();
            Assert.All(path, state => Assert.True(states.ContainsKey(state), $"{state} is not a state"));
            Assert.Equal("ProcessOrder", path[0]);
            for (int i = 0; i + 1 < path.Length; i++)
            {
                JsonNode state = states[path[i]]!;
                var successors = new List<string?> { state["Next"]?.GetValue<string>() };
                successors.AddRange((state["Catch"]?.AsArray() ?? []).Select(c => c!["Next"]!.GetValue<string>()));
                Assert.Contains(path[i + 1], successors);
            }

            string expectedEnd = scenario["error"] is null ? "OrderSucceeded" : "OrderFailed";
            Assert.Equal(expectedEnd, path[^1]);
        }
    }
}
