using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.Intrinsics;

/// <summary>One argument of an intrinsic call: a literal, a path, or a nested call.</summary>
internal abstract class IntrinsicArgument
{
    public abstract JsonNode? Evaluate(Func<string, JsonNode?> resolvePath, Random random);
}

/// <summary>A number, true, false or null written in the call.</summary>
internal sealed class LiteralArgument(JsonNode? value) : IntrinsicArgument
{
    public override JsonNode? Evaluate(Func<string, JsonNode?> resolvePath, Random random) => value?.DeepClone();
}

/// <summary>
/// A quoted string, <c>'text'</c>. <see cref="Value"/> has the escapes resolved; <see cref="Parts"/>
/// keeps apart the <c>{}</c> placeholders that States.Format fills and escaped <c>\{\}</c> braces.
/// </summary>
internal sealed class StringArgument(string value, IReadOnlyList<string?> parts) : IntrinsicArgument
{
    public string Value { get; } = value;

    /// <summary>Literal text pieces, with null where an unescaped <c>{}</c> placeholder stands.</summary>
    public IReadOnlyList<string?> Parts { get; } = parts;

    public override JsonNode? Evaluate(Func<string, JsonNode?> resolvePath, Random random) => JsonValue.Create(Value);
}

/// <summary><c>$.x</c>, <c>$$.Execution.Id</c> or <c>$variable.x</c>: resolved by the caller.</summary>
internal sealed class PathArgument(string path) : IntrinsicArgument
{
    public string Path { get; } = path;

    public override JsonNode? Evaluate(Func<string, JsonNode?> resolvePath, Random random) => resolvePath(Path);
}

/// <summary>A nested call, e.g. <c>States.StringSplit($.x, ',')</c> inside States.ArrayGetItem.</summary>
internal sealed class CallArgument(IntrinsicFunctionCall call) : IntrinsicArgument
{
    public override JsonNode? Evaluate(Func<string, JsonNode?> resolvePath, Random random) => call.Evaluate(resolvePath, random);
}
