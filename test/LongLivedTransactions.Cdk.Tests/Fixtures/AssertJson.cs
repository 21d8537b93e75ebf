using System.Text.Json.Nodes;

namespace LongLivedTransactions.Cdk.Tests.Fixtures;

public static class AssertJson
{
    /// <summary>Structural equality of JSON, with both documents in the failure message.</summary>
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        JsonNode? expected = JsonNode.Parse(expectedJson);
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"Expected {expected?.ToJsonString()}{System.Environment.NewLine}but found {actual?.ToJsonString() ?? "nothing"}");
    }

    public static string Ref(string logicalId) => $$"""{"Ref":"{{logicalId}}"}""";

    public static string GetAtt(string logicalId, string attribute) => $$"""{"Fn::GetAtt":["{{logicalId}}","{{attribute}}"]}""";
}
