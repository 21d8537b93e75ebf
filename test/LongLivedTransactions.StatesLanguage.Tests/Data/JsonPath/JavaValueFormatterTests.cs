using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.JsonPath;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

/// <summary>Values printed as Java prints the objects AWS holds them in (States.Format, Jayway messages).</summary>
public sealed class JavaValueFormatterTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("-0", "0")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("1.1", "1.1")]
    [InlineData("1.10", "1.1")]
    [InlineData("1.0", "1.0")]
    [InlineData("100e0", "100.0")]
    [InlineData("0.001", "0.001")]
    [InlineData("0.0001", "1.0E-4")]
    [InlineData("1.5e-5", "1.5E-5")]
    [InlineData("12345678.9", "1.23456789E7")]
    [InlineData("1e7", "1.0E7")]
    [InlineData("9999999.5", "9999999.5")]
    [InlineData("-2.5e21", "-2.5E21")]
    [InlineData("0.0", "0.0")]
    public void Numbers(string json, string expected)
    {
        Assert.Equal(expected, JavaValueFormatter.Format(JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    [InlineData("""{"Id":"arn:x","Name":"n"}""", "{Id=arn:x, Name=n}")]
    [InlineData("""[1,"a",null,{"b":[true,1.5]}]""", "[1, a, null, {b=[true, 1.5]}]")]
    public void Values(string json, string expected)
    {
        Assert.Equal(expected, JavaValueFormatter.Format(JsonNode.Parse(json)));
    }
}
