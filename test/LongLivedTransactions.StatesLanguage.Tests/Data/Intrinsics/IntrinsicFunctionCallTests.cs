using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.Intrinsics;

public sealed class IntrinsicFunctionCallTests
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonNode Input = JsonNode.Parse("""
        {
          "name": "World",
          "list": [1, 2, 2, "x", {"k": 1}, {"k": 1}, [1], [1], null],
          "object": {"Arg1": 1, "Arg2": [], "Nested": {"b": true}},
          "text": "a,b;;c",
          "number": 1.5,
          "big": 12345678.9,
          "empty": ""
        }
        """)!;

    [Theory]
    [InlineData("States.Format('Hello, {}!', $.name)", "\"Hello, World!\"")]
    [InlineData("States.Format('{} and {}', 1, 'two')", "\"1 and two\"")]
    [InlineData("States.Format('{}', $.object)", "\"{Arg1=1, Arg2=[], Nested={b=true}}\"")]
    [InlineData("States.Format('{}', $.list)", "\"[1, 2, 2, x, {k=1}, {k=1}, [1], [1], null]\"")]
    [InlineData("States.Format('{} {}', $.number, $.big)", "\"1.5 1.23456789E7\"")]
    [InlineData("States.Format('{}', null)", "\"null\"")]
    [InlineData("States.Format('literal \\{\\} and {}', true)", "\"literal {} and true\"")]
    [InlineData("States.Format('it\\'s {}', 'ok')", "\"it's ok\"")]
    [InlineData("States.StringToJson('{\"a\": [1, 2.50]}')", "{\"a\":[1,2.5]}")]
    [InlineData("States.StringToJson($.empty)", "null")]
    [InlineData("States.JsonToString($.object)", "\"{\\\"Arg1\\\":1,\\\"Arg2\\\":[],\\\"Nested\\\":{\\\"b\\\":true}}\"")]
    [InlineData("States.JsonToString('a\"b')", "\"\\\"a\\\\\\\"b\\\"\"")]
    [InlineData("States.JsonToString(States.StringToJson('[1.10, 2E2, -0, 3]'))", "\"[1.1,200.0,0,3]\"")]
    [InlineData("States.Array()", "[]")]
    [InlineData("States.Array(1, 'a', null, true, $.object.Arg2)", "[1,\"a\",null,true,[]]")]
    [InlineData("States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)", "[[1,2],[3,4],[5]]")]
    [InlineData("States.ArrayContains($.list, $.object.Nested)", "false")]
    [InlineData("States.ArrayContains($.list, States.StringToJson('{\"k\":1}'))", "true")]
    [InlineData("States.ArrayRange(10, 0, -3)", "[10,7,4,1]")]
    [InlineData("States.ArrayRange(1, 0, 1)", "[]")]
    [InlineData("States.ArrayGetItem($.list, 3)", "\"x\"")]
    [InlineData("States.ArrayLength($.list)", "9")]
    [InlineData("States.ArrayUnique($.list)", "[1,2,\"x\",{\"k\":1},[1],null]")]
    [InlineData("States.Base64Encode('Data to encode')", "\"RGF0YSB0byBlbmNvZGU=\"")]
    [InlineData("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", "\"Data to encode\"")]
    [InlineData("States.Hash('input data', 'SHA-256')", "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"")]
    [InlineData("States.Hash('input data', 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\"")]
    [InlineData("States.JsonMerge($.object, States.StringToJson('{\"Arg1\": 2, \"Nested\": {\"c\": 1}}'), false)", "{\"Arg1\":2,\"Arg2\":[],\"Nested\":{\"c\":1}}")]
    [InlineData("States.MathAdd(1.5, -0.5)", "2")]
    [InlineData("States.MathAdd(-1.5, 0)", "-1")]
    [InlineData("States.MathAdd(States.ArrayLength($.list), -1)", "8")]
    [InlineData("States.StringSplit($.text, ',;')", "[\"a\",\"b\",\"c\"]")]
    [InlineData("States.StringSplit('no delimiter', '|')", "[\"no delimiter\"]")]
    public void Evaluates_as_AWS_does(string call, string expectedJson)
    {
        var result = IntrinsicFunctionCall.Parse(call).Evaluate(ResolveInInput, new Random(7));

        Assert.Equal(expectedJson, result?.ToJsonString(Readable) ?? "null");
    }

    [Fact]
    public void MathRandom_stays_in_range_and_a_seed_repeats()
    {
        var call = IntrinsicFunctionCall.Parse("States.MathRandom(1, 10)");
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var value = (long)call.Evaluate(ResolveInInput, random)!;
            Assert.InRange(value, 1, 9);
        }

        var seeded = IntrinsicFunctionCall.Parse("States.MathRandom(0, 1000, 42)");
        Assert.Equal(
            seeded.Evaluate(ResolveInInput, new Random(1))!.ToJsonString(),
            seeded.Evaluate(ResolveInInput, new Random(2))!.ToJsonString());
    }

    [Fact]
    public void UUID_is_a_version_4_uuid()
    {
        var value = (string)IntrinsicFunctionCall.Parse("States.UUID()").Evaluate(ResolveInInput, new Random(5))!;

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", value);
    }

    [Fact]
    public void Path_arguments_go_to_the_caller_as_written()
    {
        var asked = new List<string>();
        var call = IntrinsicFunctionCall.Parse("States.Array($.a, $$.Execution.Id, $myVar.field, $['b c'])");

        var result = call.Evaluate(path => { asked.Add(path); return JsonValue.Create(path); }, new Random(1));

        Assert.Equal(["$.a", "$$.Execution.Id", "$myVar.field", "$['b c']"], asked);
        Assert.Equal(4, result!.AsArray().Count);
    }

    [Theory]
    [InlineData("States.ArrayGetItem($.list, 9)")]
    [InlineData("States.ArrayGetItem($.list, 1.5)")]
    [InlineData("States.ArrayPartition($.list, 0)")]
    [InlineData("States.ArrayLength($.name)")]
    [InlineData("States.ArrayRange(0, 2000, 1)")]
    [InlineData("States.ArrayRange(0, 10, 0)")]
    [InlineData("States.Format('{} {}', 1)")]
    [InlineData("States.Format('{}', 1, 2)")]
    [InlineData("States.StringToJson('{not json')")]
    [InlineData("States.Base64Decode('%%%')")]
    [InlineData("States.Hash('data', 'SHA-3')")]
    [InlineData("States.JsonMerge($.object, $.object, true)")]
    [InlineData("States.JsonMerge($.object, $.list, false)")]
    [InlineData("States.MathAdd('1', 2)")]
    [InlineData("States.MathRandom(5, 5)")]
    [InlineData("States.StringSplit(1, ',')")]
    [InlineData("States.UUID(1)")]
    public void Unsuitable_arguments_fail_with_States_IntrinsicFailure(string call)
    {
        var exception = Assert.Throws<IntrinsicFailureException>(
            () => IntrinsicFunctionCall.Parse(call).Evaluate(ResolveInInput, new Random(1)));

        Assert.Equal("States.IntrinsicFailure", exception.Error);
        Assert.StartsWith("Invalid arguments in States.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("States.Unknown(1)")]
    [InlineData("States.Format('unclosed)")]
    [InlineData("States.Format('a', )")]
    [InlineData("States.Array(1")]
    [InlineData("States.Array(1) extra")]
    [InlineData("States.Array(#)")]
    [InlineData("States.Array($.a b)")]
    [InlineData("States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))))")]
    public void Invalid_calls_are_rejected_when_parsed(string call)
    {
        Assert.Throws<IntrinsicSyntaxException>(() => IntrinsicFunctionCall.Parse(call));
    }

    [Theory]
    [InlineData("States.Format('x')", true)]
    [InlineData("  States.UUID()", true)]
    [InlineData("States.Format", false)]
    [InlineData("$.States.x(", false)]
    [InlineData("states.Format('x')", false)]
    public void Recognises_call_text(string text, bool expected)
    {
        Assert.Equal(expected, IntrinsicFunctionCall.LooksLikeCall(text));
    }

    private static JsonNode? ResolveInInput(string path)
    {
        var expression = JsonPathExpression.Parse(path);
        return expression.TryEvaluate(Input, out var value, out var failure)
            ? value
            : throw new InvalidOperationException(failure);
    }
}
