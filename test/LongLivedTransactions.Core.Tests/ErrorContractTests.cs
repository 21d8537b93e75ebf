using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Core.Tests;

/// <summary>Both state machines catch errors by name; the exception types must carry exactly those names.</summary>
public class ErrorContractTests
{
    private static readonly string[] ErrorTypeNames = typeof(SagaStepException).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(SagaStepException)))
        .Select(type => type.Name)
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void There_are_exactly_the_six_saga_errors()
    {
        Assert.Equal(
            ["ErrProcessOrder", "ErrProcessPayment", "ErrProcessRefund", "ErrReleaseInventory", "ErrReserveInventory", "ErrUpdateOrderStatus"],
            ErrorTypeNames);
    }

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath)]
    [InlineData(SagaQueryLanguage.Jsonata)]
    public void Every_error_type_is_caught_by_the_state_machine_and_every_caught_Err_has_a_type(SagaQueryLanguage flavour)
    {
        string[] caughtErrorNames = CatchErrorNames(TestFiles.ReadJson(SagaTopology.DefinitionPath(flavour)))
            .Where(name => name.StartsWith("Err", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(ErrorTypeNames, caughtErrorNames);
    }

    private static IEnumerable<string> CatchErrorNames(JsonNode definition) =>
        definition["States"]!.AsObject()
            .SelectMany(state => state.Value!["Catch"]?.AsArray() ?? [])
            .SelectMany(catcher => catcher!["ErrorEquals"]!.AsArray())
            .Select(name => name!.GetValue<string>());
}
