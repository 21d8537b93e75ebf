using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Jsonata.Tests.Functions.Formatting;

/// <summary>Behaviour checked against jsonata-js 2.0.6 by hand, and the choices made where it has none.</summary>
public sealed class FormattingFunctionsTests
{
    private static object? Call(string name, params object?[] arguments) => Call(new TestCallContext(), name, arguments);

    private static object? Call(FunctionCallContext context, string name, params object?[] arguments)
    {
        Assert.True(StandardLibrary.Create().TryGet(name, out var function));
        return ((NativeFunction)function).Implementation(arguments, context);
    }

    private static string ErrorCode(string name, params object?[] arguments) =>
        Assert.Throws<JsonataException>(() => Call(name, arguments)).Code;

    [Theory]
    [InlineData("formatNumber", "<n-so?:s>", 3)]
    [InlineData("formatBase", "<n-n?:s>", 2)]
    [InlineData("formatInteger", "<n-s:s>", 2)]
    [InlineData("parseInteger", "<s-s:n>", 2)]
    [InlineData("toMillis", "<s-s?:n>", 2)]
    [InlineData("fromMillis", "<n-s?s?:s>", 3)]
    [InlineData("now", "<s?s?:s>", 2)]
    [InlineData("millis", "<:n>", 0)]
    public void Registered_with_jsonata_js_signature_and_arity(string name, string signature, int arity)
    {
        Assert.True(StandardLibrary.Create().TryGet(name, out var function));
        var native = Assert.IsType<NativeFunction>(function);
        Assert.Equal(signature, native.Signature!.Text);
        Assert.Equal(arity, native.Arity);
    }

    [Fact]
    public void Now_and_millis_return_the_evaluation_timestamp()
    {
        var context = new TestCallContext(new DateTimeOffset(2018, 10, 21, 13, 5, 0, 7, TimeSpan.Zero));
        Assert.Equal(1540127100007.0, Call(context, "millis"));
        Assert.Equal("2018-10-21T13:05:00.007Z", Call(context, "now"));
        Assert.Equal("2018-10-21 08:05 -05:00", Call(context, "now", "[Y]-[M01]-[D01] [H01]:[m01] [Z]", "-0500"));
    }

    [Fact]
    public void Every_call_in_one_evaluation_sees_the_host_clock_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 2, 29, 23, 59, 59, 999, TimeSpan.Zero));
        var expression = JsonataExpression.Compile("[$millis(), $now(), $millis() = $toMillis($now())]", new JsonataOptions { TimeProvider = clock });
        var result = Assert.IsType<JsonataArray>(expression.Evaluate(null));
        Assert.Equal(1583020799999.0, result[0]);
        Assert.Equal("2020-02-29T23:59:59.999Z", result[1]);
        Assert.Equal(true, result[2]);
    }

    [Fact]
    public void Components_missing_left_of_the_given_ones_come_from_the_evaluation_timestamp()
    {
        var context = new TestCallContext(new DateTimeOffset(2018, 10, 21, 13, 5, 0, TimeSpan.Zero));
        Assert.Equal(1540129500000.0, Call(context, "toMillis", "13:45", "[H]:[m]"));
    }

    [Theory]
    [InlineData(1234.5, "#,##0.0;(#,##0.0)", "1,234.5")]
    [InlineData(-1234.5, "#,##0.0;(#,##0.0)", "(1,234.5)")]
    [InlineData(2.5, "0", "2")]
    [InlineData(1.5, "0", "2")]
    [InlineData(0.125, "0.00", "0.12")]
    [InlineData(1.005, "0.00", "1.00")]
    [InlineData(1e21, "#,##0.00", "1e,+21.00")]
    [InlineData(1e-7, "0.00000000", "0.00000010")]
    [InlineData(123.456, "#.##e0", "0.12e3")]
    public void FormatNumber_matches_jsonata_js(double value, string picture, string expected) =>
        Assert.Equal(expected, Call("formatNumber", value, picture));

    [Fact]
    public void FormatNumber_refuses_a_picture_without_active_characters()
    {
        // jsonata-js fails with a TypeError here; D3086 is what AWS Step Functions reports.
        Assert.Equal("D3086", ErrorCode("formatNumber", 1.0, "x"));
    }

    [Theory]
    [InlineData(0.0, "0.0e0", "0.0e0")]
    [InlineData(-5.0, "0.0e0", "-5.0e0")]
    public void FormatNumber_with_an_exponent_scales_zero_and_negative_numbers(double value, string picture, string expected)
    {
        // jsonata-js never returns for these.
        Assert.Equal(expected, Call("formatNumber", value, picture));
    }

    [Fact]
    public void FormatBase_reports_the_rounded_radix()
    {
        var error = Assert.Throws<JsonataException>(() => Call("formatBase", 100.0, 36.6));
        Assert.Equal("D3100", error.Code);
        Assert.Equal("The radix of the formatBase function must be between 2 and 36.  It was given 37", error.Message);
    }

    [Theory]
    [InlineData(1e21, 10.0, "1e+21")]
    [InlineData(8.372971462085843e20, 25.0, "mbmcln29k910000")]
    [InlineData(-255.0, 16.0, "-ff")]
    public void FormatBase_digits_are_V8s(double value, double radix, string expected) =>
        Assert.Equal(expected, Call("formatBase", value, radix));

    [Theory]
    [InlineData(1000000000000000.0, "w", "one thousand trillion")]
    [InlineData(2024.0, "W;o", "TWO THOUSAND AND TWENTY-FOURTH")]
    [InlineData(5.0, "#,##,##0", ",5")]
    [InlineData(-5.0, "w", "-five")]
    [InlineData(1e21, "0", "1e+21")]
    public void FormatInteger_matches_jsonata_js(double value, string picture, string expected) =>
        Assert.Equal(expected, Call("formatInteger", value, picture));

    [Fact]
    public void ParseInteger_gives_NaN_for_text_that_is_not_a_number() =>
        Assert.True(double.IsNaN((double)Call("parseInteger", "abc", "0")!));

    [Fact]
    public void FromMillis_formats_the_suites_chained_cases()
    {
        var millis = Call("toMillis", "2018-10-21T13:05:00Z");
        Assert.Equal("2018-10-21T13:05:00.000Z", Call("fromMillis", millis));
        Assert.Equal("2018-10-21T08:05:00.000-05:00", Call("fromMillis", millis, null, "-0500"));
        Assert.Equal("2018-10-21T13:05:00.000Z", Call("fromMillis", millis, null, "0000"));
    }

    [Theory]
    [InlineData(0.0, "[FNn,*-3] [D1o] [MNn] [Y] [h]:[m01] [PN] [z]", "-0500", "Wed 31st December 1969 7:00 PM GMT-05:00")]
    [InlineData(1531310400000.0, "[H]:[m] [Z]", "-0530", "5:30 -06:30")]
    [InlineData(1e20, null, null, "0NaN-NaN-NaNTNaN:NaN:NaN.NaNZ")]
    [InlineData(0.0, "[q1]", null, "undefined")]
    [InlineData(-1.7, null, null, "1969-12-31T23:59:59.999Z")]
    public void FromMillis_matches_jsonata_js(double millis, string? picture, string? timezone, string expected) =>
        Assert.Equal(expected, Call("fromMillis", millis, picture, timezone));

    [Theory]
    [InlineData("2018", 1514764800000.0)]
    [InlineData("2018-02-30", 1519948800000.0)]
    [InlineData("2018-02-01T24:00:00", 1517529600000.0)]
    [InlineData("2018-02-01T09:42:13.1235999", 1517478133123.0)]
    [InlineData("2018-02-01T09:42:13-0130", 1517483533000.0)]
    [InlineData("2018T09:42:13", 1514799733000.0)]
    [InlineData("2018-02Z", 1517443200000.0)]
    [InlineData("0000", -62167219200000.0)]
    [InlineData("2018-00", double.NaN)]
    [InlineData("2018-02-39", double.NaN)]
    [InlineData("2018-02-01T24:00:01", double.NaN)]
    [InlineData("2018-02-01+01:00", double.NaN)]
    [InlineData("2018-02-01T09:42:13+2959", double.NaN)]
    [InlineData("2018-01-01-01-01", double.NaN)]
    public void ToMillis_reads_iso_timestamps_as_Date_parse_does(string timestamp, double expected) =>
        Assert.Equal(expected, Call("toMillis", timestamp));

    [Fact]
    public void ToMillis_refuses_text_that_is_not_iso_8601()
    {
        var error = Assert.Throws<JsonataException>(() => Call("toMillis", "2018-02-01T09:42:13."));
        Assert.Equal("D3110", error.Code);
        Assert.Equal("The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \"2018-02-01T09:42:13.\"", error.Message);
    }

    [Fact]
    public void ToMillis_reads_names_ordinals_and_twelve_hour_times() =>
        Assert.Equal(946739040000.0, Call("toMillis", "Sat 1st Jan 2000 3:04 pm", "[FNn,3-3] [D1o] [MNn,3-3] [Y] [h]:[m01] [P]"));

    [Fact]
    public void Undefined_input_gives_undefined()
    {
        Assert.Null(Call("formatNumber", null, "0"));
        Assert.Null(Call("formatBase", [null]));
        Assert.Null(Call("formatInteger", null, "0"));
        Assert.Null(Call("parseInteger", null, "0"));
        Assert.Null(Call("fromMillis", [null]));
        Assert.Null(Call("toMillis", [null]));
    }
}
