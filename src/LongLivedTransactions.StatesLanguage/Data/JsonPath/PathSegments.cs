using System.Globalization;
using System.Text;
using LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath;

/// <summary>
/// One step of a parsed path. The kinds mirror Jayway's path tokens, because AWS Step Functions
/// evaluates JSONPath with Jayway and its results (definite or not, merged unions, deep-scan
/// order) follow from those tokens.
/// </summary>
internal abstract class PathSegment
{
    /// <summary>Whether this step alone selects at most one value (Jayway's "token definite").</summary>
    public abstract bool IsDefinite { get; }

    /// <summary>The step in Jayway's normalised notation, used in error messages: <c>['name']</c>, <c>[0]</c>, <c>[*]</c>.</summary>
    public abstract void AppendFragment(StringBuilder builder);
}

/// <summary><c>.name</c>, <c>['name']</c> or <c>['a','b']</c>.</summary>
internal sealed class PropertySegment(IReadOnlyList<string> names, bool isLeaf) : PathSegment
{
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>The first (usually only) name, kept apart for the fast definite-path loop.</summary>
    public string FirstName { get; } = names[0];

    /// <summary>
    /// Jayway merges several names into one object when they end the path ("merge case", definite);
    /// in the middle of a path it visits them one after the other ("iteration case", indefinite).
    /// </summary>
    public bool IsLeaf { get; } = isLeaf;

    public bool IsSingle { get; } = names.Count == 1;

    public override bool IsDefinite => IsSingle || IsLeaf;

    public PropertySegment AsLeaf() => new(Names, isLeaf: true);

    public override void AppendFragment(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Names.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append('\'').Append(Names[i]).Append('\'');
        }

        builder.Append(']');
    }
}

/// <summary><c>[0]</c>, <c>[-1]</c> or <c>[0,2]</c>.</summary>
internal sealed class IndexSegment(IReadOnlyList<int> indexes) : PathSegment
{
    public IReadOnlyList<int> Indexes { get; } = indexes;

    /// <summary>The first (usually only) index, kept apart for the fast definite-path loop.</summary>
    public int FirstIndex { get; } = indexes[0];

    public override bool IsDefinite => Indexes.Count == 1;

    public override void AppendFragment(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Indexes.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Indexes[i].ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(']');
    }
}

/// <summary><c>[a:b]</c>, <c>[a:]</c>, <c>[:b]</c> (Jayway has no step; a third part is ignored).</summary>
internal sealed class SliceSegment(int? from, int? to) : PathSegment
{
    public int? From { get; } = from;

    public int? To { get; } = to;

    public override bool IsDefinite => false;

    public override void AppendFragment(StringBuilder builder)
    {
        builder.Append('[');
        if (From is { } from)
        {
            builder.Append(from.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(':');
        if (To is { } to)
        {
            builder.Append(to.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(']');
    }
}

/// <summary><c>.*</c> or <c>[*]</c>.</summary>
internal sealed class WildcardSegment : PathSegment
{
    public static readonly WildcardSegment Instance = new();

    public override bool IsDefinite => false;

    public override void AppendFragment(StringBuilder builder) => builder.Append("[*]");
}

/// <summary><c>..</c>: the step after it is applied at every depth.</summary>
internal sealed class DeepScanSegment : PathSegment
{
    public static readonly DeepScanSegment Instance = new();

    public override bool IsDefinite => false;

    public override void AppendFragment(StringBuilder builder) => builder.Append("..");
}

/// <summary><c>[?(expression)]</c>.</summary>
internal sealed class FilterSegment(FilterExpression filter) : PathSegment
{
    public FilterExpression Filter { get; } = filter;

    public override bool IsDefinite => false;

    public override void AppendFragment(StringBuilder builder) => builder.Append("[?]");
}

/// <summary>A trailing function such as <c>.length()</c>.</summary>
internal sealed class FunctionSegment(PathFunction function, string name) : PathSegment
{
    public PathFunction Function { get; } = function;

    public string Name { get; } = name;

    public override bool IsDefinite => true;

    public override void AppendFragment(StringBuilder builder) => builder.Append('.').Append(Name).Append("()");
}

/// <summary>The functions Jayway offers at the end of a path.</summary>
internal enum PathFunction
{
    Length,
    Size,
    Min,
    Max,
    Average,
    Sum,
    StandardDeviation,
    First,
    Last,
    Keys,
}
