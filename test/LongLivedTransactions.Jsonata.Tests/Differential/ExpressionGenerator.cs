using System.Globalization;

namespace LongLivedTransactions.Jsonata.Tests.Differential;

/// <summary>
/// Random JSONata expressions from a grammar: paths (fields, predicates, indexes, wildcards, descendants, parent,
/// focus and index bindings, order-by, group-by), every operator, constructors, ranges, conditionals, blocks and
/// variables, lambdas and higher-order functions, transforms, regexes, and calls of the built-ins with arguments
/// of the right type most of the time and of any type otherwise. Functions whose answer is not a function of the
/// input (<c>$now</c>, <c>$millis</c>, <c>$random</c>, <c>$shuffle</c>) are left out.
/// </summary>
internal sealed class ExpressionGenerator(Random random)
{
    private const int MaxDepth = 3;

    private static readonly string[] BinaryOperators =
        ["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "and", "or", "&", "in"];

    private static readonly string[] NumberPictures =
        ["#,##0.00", "0.000e0", "#0%", "00", "#", "0,000.0", "##0.0#", "#.###", "x", "0.0;(0.0)", "#,###.00\u2030", "000.000e00", "9", "#0.#0"];

    private static readonly string[] IntegerPictures =
        ["0", "001", "w", "W", "Ww", "I", "i", "a", "A", "#,##0", "0;o", "w;o", "#0", "01,0"];

    private static readonly string[] IntegerTexts =
        ["twelve", "XIV", "1,234", "abc", "one hundred and one", "xlii", "007", "c", "21st", "twenty-first"];

    private static readonly string[] DatePictures =
    [
        "[Y0001]-[M01]-[D01]", "[H01]:[m01]:[s01]", "[FNn], [D1o] [MNn] [Y]", "[Y,2]", "[h].[m01][P]", "[Z]",
        "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]", "[D#1] [MNn,3-3] [Y0001]", "[dwo] [E]", "[xNn]",
    ];

    private static readonly string[] Timezones = ["+0100", "-0500", "0000", "+0530", "x"];

    private static readonly string[] DateTexts =
        ["2024-01-15T10:30:00Z", "2024-01-15", "2024-02-30T00:00:00Z", "15/01/2024", "1999-12-31T23:59:59.999+01:00", "nonsense"];

    private static readonly string[] Regexes = ["/a/", "/[a-z]+/i", "/(\\w)(\\w)/", "/\\d+/", "/^B/m", "/o\\b/", "/ /", "/l+/"];

    private static readonly string[] LambdaBodies =
    [
        "$v * 2", "$v & '!'", "$v.price > 10", "$i", "$v = $i", "$type($v)", "$string($v)", "$a", "$exists($v.name)",
        "$v.name", "$count($a)", "$not($v)", "-$v", "$v > 3",
    ];

    public string Expression() => Expr(0);

    private string Expr(int depth)
    {
        if (depth >= MaxDepth)
        {
            return random.Next(3) == 0 ? Literal() : Path(depth);
        }

        return random.Next(20) switch
        {
            0 or 1 or 2 or 3 => Path(depth),
            4 => Literal(),
            5 or 6 => $"{Expr(depth + 1)} {Pick(BinaryOperators)} {Expr(depth + 1)}",
            7 => $"-{Expr(depth + 1)}",
            8 => random.Next(3) == 0
                ? $"{Expr(depth + 1)} ? {Expr(depth + 1)}"
                : $"{Expr(depth + 1)} ? {Expr(depth + 1)} : {Expr(depth + 1)}",
            9 => Block(depth),
            10 or 11 or 12 => Call(depth),
            13 => HigherOrder(depth),
            14 => $"[{string.Join(", ", Many(depth, 0, 4))}]" + (random.Next(4) == 0 ? "[]" : ""),
            15 => ObjectConstructor(depth),
            16 => Range(),
            17 => $"{Expr(depth + 1)} ~> {Pick(["$uppercase()", "$string()", "$count()", "$sum()", "$reverse()", "$map(function($v){$v})", "$substring(1, 2)", "$type()", "$keys()"])}",
            18 => Transform(depth),
            _ => $"({Expr(depth + 1)})",
        };
    }

    private string Path(int depth)
    {
        var steps = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var step = random.Next(16) switch
            {
                0 => "*",
                1 => i == 0 ? "$" : "*",
                2 => i == 0 ? "$$" : Field(),
                3 => i + 1 < count ? "**" : Field(),
                4 => i > 0 ? "%" : Field(),
                5 => i == 0 ? "`name`" : Field(),
                _ => Field(),
            };
            step += Suffix(depth, i);
            steps.Add(step);
        }

        var path = string.Join(".", steps);
        return random.Next(8) switch
        {
            0 => $"{path}^({Pick(["", ">", "<"])}{Field()})",
            1 => $"{path}{{{Field()}: {Pick(["$sum(price)", "name", "$count(*)", "value", "$"])}}}",
            2 => $"{path}.{{{Pick(["name", "type", "'k'", "kind"])}: {Field()}}}",
            3 => $"{path}[]",
            _ => path,
        };
    }

    private string Suffix(int depth, int stepIndex)
    {
        return random.Next(14) switch
        {
            0 => $"[{random.Next(-3, 4)}]",
            1 => $"[{Field()} {Pick(["=", ">", "<", "!="])} {SmallLiteral()}]",
            2 => depth + 1 < MaxDepth ? $"[{Expr(depth + 2)}]" : "[0]",
            3 => "@$o",
            4 => "#$i" + (random.Next(2) == 0 ? "[$i < 2]" : ""),
            5 => stepIndex > 0 ? "[$i = 0]" : "",
            6 => "[[0, 1]]",
            _ => "",
        };
    }

    private string Literal() => random.Next(9) switch
    {
        0 or 1 => DocumentGenerator.NumberLiteral(random.Next(-5, 30)),
        2 => DocumentGenerator.NumberLiteral(Math.Round((random.NextDouble() * 100) - 20, 3)),
        3 or 4 => DocumentGenerator.StringLiteral(Pick(DocumentGenerator.Strings), random.Next(2) == 0),
        5 => Pick(["true", "false"]),
        6 => "null",
        7 => Pick(["1e3", "0.1", "-0", "1.5e-3", "12345678901234567", "0.30000000000000004", "1e300 * 1e10"]),
        _ => Pick(["$", "$$", "[]", "{}", "\"\""]),
    };

    private string SmallLiteral() => random.Next(3) switch
    {
        0 => DocumentGenerator.NumberLiteral(random.Next(-5, 30)),
        1 => DocumentGenerator.StringLiteral(Pick(DocumentGenerator.Strings)),
        _ => Pick(["true", "false", "null"]),
    };

    private string Field() => DocumentGenerator.Fields[random.Next(DocumentGenerator.Fields.Length)];

    private string Block(int depth) => random.Next(3) switch
    {
        0 => $"($x := {Expr(depth + 1)}; $x)",
        1 => $"($x := {Expr(depth + 1)}; $y := {Expr(depth + 1)}; {Pick(["$x & $y", "$x + $y", "[$x, $y]", "{'a': $x, 'b': $y}", "$x = $y", "$y"])})",
        _ => $"($f := function($v){{ {Pick(LambdaBodies)} }}; $f({Expr(depth + 1)}))",
    };

    private string ObjectConstructor(int depth)
    {
        var entries = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => $"{DocumentGenerator.StringLiteral(Pick(["a", "b", "key", "name", "x y", "é"]))}: {Expr(depth + 1)}");
        return $"{{{string.Join(", ", entries)}}}";
    }

    private string Range()
    {
        string Bound() => random.Next(6) == 0 ? Pick(["1.5", "'a'", "null", "-2"]) : random.Next(-3, 12).ToString(CultureInfo.InvariantCulture);
        return random.Next(4) == 0 ? $"[{Bound()}..{Bound()}, {Bound()}]" : $"[{Bound()}..{Bound()}]";
    }

    private string Transform(int depth) => random.Next(3) switch
    {
        0 => $"$ ~> | {Pick(["items", "**", "nested", "$", "list"])} | {{'flag': true, 'n': {SmallLiteral()}}} |",
        1 => $"$ ~> | {Pick(["items", "nested", "address"])} | {{}}, [{DocumentGenerator.StringLiteral(Field())}] |",
        _ => $"{Expr(depth + 1)} ~> | $ | {{'t': 1}} |",
    };

    private string Lambda(int parameters) => parameters switch
    {
        1 => $"function($v){{ {Pick(LambdaBodies)} }}",
        2 => Pick(["function($a, $b){ $a > $b }", "function($a, $b){ $a + $b }", "function($v, $i){ $i }", "function($v, $k){ $k & '=' & $string($v) }", "function($a, $b){ $a & $b }"]),
        _ => Pick(["function($v, $i, $a){ $count($a) - $i }", "function($v, $i, $a){ $v }"]),
    };

    private string HigherOrder(int depth)
    {
        var array = random.Next(3) == 0 ? Expr(depth + 1) : Pick(["items", "list", "tags", "[1, 2, 3, 4]", "[3, 1, 2]", "['b', 'a', 'c']", "items.price", "$"]);
        return random.Next(14) switch
        {
            0 or 1 => $"$map({array}, {Lambda(random.Next(1, 4))})",
            2 or 3 => $"$filter({array}, {Lambda(random.Next(1, 4))})",
            4 => $"$reduce({array}, {Lambda(2)}{(random.Next(2) == 0 ? ", " + SmallLiteral() : "")})",
            5 => $"$sort({array}{(random.Next(2) == 0 ? ", " + Lambda(2) : "")})",
            6 => $"$single({array}{(random.Next(2) == 0 ? ", " + Lambda(1) : "")})",
            7 => $"$each({Pick(["nested", "address", "$", "{'a': 1, 'b': 2}"])}, {Lambda(random.Next(1, 3))})",
            8 => $"$sift({Pick(["nested", "address", "$", "{'a': 1, 'b': 'x'}"])}, {Lambda(random.Next(1, 3))})",
            9 => $"$substring(?, {random.Next(-2, 4)}, 2)({Expr(depth + 1)})",
            10 => $"({Lambda(1)})({Expr(depth + 1)})",
            11 => $"$zip({array}, {Pick(["[1, 2]", "tags", "'a'"])})",
            12 => $"{array}.$map($, {Lambda(1)})",
            _ => $"$filter({array}, {Lambda(1)}) ~> $map({Lambda(1)})",
        };
    }

    private string Call(int depth)
    {
        // The argument kinds each built-in expects; a wrong kind now and then tests the signature checks.
        var (name, kinds) = Pick(Builtins);
        var arguments = new List<string>();
        var count = random.Next(10) == 0 ? random.Next(0, kinds.Length + 2) : kinds.Length - kinds.Count(k => k.EndsWith('?')) + random.Next(0, kinds.Count(k => k.EndsWith('?')) + 1);
        for (var i = 0; i < count; i++)
        {
            var kind = i < kinds.Length ? kinds[i].TrimEnd('?') : "x";
            arguments.Add(random.Next(8) == 0 ? Expr(depth + 1) : Argument(kind, depth));
        }

        return $"${name}({string.Join(", ", arguments)})";
    }

    private string Argument(string kind, int depth) => kind switch
    {
        "s" => random.Next(3) == 0 ? Path(depth + 1) : DocumentGenerator.StringLiteral(Pick(DocumentGenerator.Strings)),
        "n" => random.Next(3) == 0 ? Pick(["price", "qty", "score"]) : DocumentGenerator.NumberLiteral(random.Next(4) == 0 ? Math.Round(random.NextDouble() * 40 - 10, 2) : random.Next(-3, 12)),
        "a" => Pick(["items", "tags", "list", "[1, 2, 3]", "[3, 1, 2, 1]", "['b', 'a']", "items.price", "[]", "[[1], [2, 3]]", "[{'a': 1}, {'b': 2}]"]),
        "o" => Pick(["nested", "address", "$", "{'a': 1, 'b': [2]}", "{}", "items"]),
        "b" => Pick(["true", "false", "active"]),
        "r" => random.Next(2) == 0 ? Pick(Regexes) : DocumentGenerator.StringLiteral(Pick(["a", "l", " ", ",", ""])),
        "f" => Lambda(random.Next(1, 3)),
        "np" => DocumentGenerator.StringLiteral(Pick(NumberPictures)),
        "ip" => DocumentGenerator.StringLiteral(Pick(IntegerPictures)),
        "it" => DocumentGenerator.StringLiteral(Pick(IntegerTexts)),
        "dp" => DocumentGenerator.StringLiteral(Pick(DatePictures)),
        "tz" => DocumentGenerator.StringLiteral(Pick(Timezones)),
        "dt" => DocumentGenerator.StringLiteral(Pick(DateTexts)),
        "ms" => DocumentGenerator.NumberLiteral(random.Next(3) == 0 ? random.Next(-100000, 100000) : Math.Round(random.NextDouble() * 2e12)),
        "e" => DocumentGenerator.StringLiteral(Pick(["1 + 2", "name", "$sum([1,2])", "1 +", "[1..3]"])),
        _ => Expr(depth + 1),
    };

    private static readonly (string Name, string[] Kinds)[] Builtins =
    [
        ("string", ["x", "b?"]), ("length", ["s"]), ("substring", ["s", "n", "n?"]), ("substringBefore", ["s", "s"]),
        ("substringAfter", ["s", "s"]), ("uppercase", ["s"]), ("lowercase", ["s"]), ("trim", ["s"]), ("pad", ["s", "n", "s?"]),
        ("contains", ["s", "r"]), ("split", ["s", "r", "n?"]), ("join", ["a", "s?"]), ("match", ["s", "r", "n?"]),
        ("replace", ["s", "r", "s", "n?"]), ("base64encode", ["s"]), ("base64decode", ["s"]), ("encodeUrlComponent", ["s"]),
        ("encodeUrl", ["s"]), ("decodeUrlComponent", ["s"]), ("decodeUrl", ["s"]), ("number", ["x"]), ("abs", ["n"]),
        ("floor", ["n"]), ("ceil", ["n"]), ("round", ["n", "n?"]), ("power", ["n", "n"]), ("sqrt", ["n"]),
        ("formatNumber", ["n", "np"]), ("formatBase", ["n", "n?"]), ("formatInteger", ["n", "ip"]), ("parseInteger", ["it", "ip"]),
        ("sum", ["a"]), ("max", ["a"]), ("min", ["a"]), ("average", ["a"]), ("count", ["a"]), ("boolean", ["x"]), ("not", ["x"]),
        ("exists", ["x"]), ("append", ["a", "a"]), ("reverse", ["a"]), ("sort", ["a"]), ("distinct", ["a"]), ("keys", ["o"]),
        ("lookup", ["o", "s"]), ("spread", ["o"]), ("merge", ["a"]), ("type", ["x"]), ("error", ["s?"]), ("assert", ["b", "s?"]),
        ("fromMillis", ["ms", "dp?", "tz?"]), ("toMillis", ["dt", "dp?"]), ("eval", ["e", "o?"]), ("zip", ["a", "a"]),
        ("single", ["a"]), ("map", ["a", "f"]), ("filter", ["a", "f"]), ("formatNumber", ["n", "np", "o?"]),
    ];

    private IEnumerable<string> Many(int depth, int min, int max) => Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Expr(depth + 1));

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
