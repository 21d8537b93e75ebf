using LongLivedTransactions.Jsonata.Functions.Formatting;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class FormattingFunctions
{
    /// <summary>$fromMillis(number [, picture [, timezone]]): ISO 8601 by default, UTC unless a ±HHMM offset is given.</summary>
    public static object? FromMillis(object?[] arguments, PictureCache pictures)
    {
        if (NumberArgument(arguments, 0) is not { } millis)
        {
            return null;
        }

        return DateTimeFormatter.Format(millis, StringArgument(arguments, 1), StringArgument(arguments, 2), pictures);
    }

    /// <summary>$toMillis(timestamp [, picture]): ISO 8601 (D3110 otherwise) or the picture's format.</summary>
    public static object? ToMillis(object?[] arguments, FunctionCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (StringArgument(arguments, 0) is not { } timestamp)
        {
            return null;
        }

        if (StringArgument(arguments, 1) is not { } picture)
        {
            if (!IsoTimestamp.IsAccepted(timestamp))
            {
                throw FormattingErrors.Create("D3110", timestamp);
            }

            return IsoTimestamp.Parse(timestamp);
        }

        return DateTimeParser.Parse(timestamp, picture, context.Timestamp.ToUnixTimeMilliseconds());
    }

    /// <summary>$now([picture [, timezone]]): the evaluation's timestamp, formatted as $fromMillis does.</summary>
    public static object? Now(object?[] arguments, FunctionCallContext context, PictureCache pictures)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DateTimeFormatter.Format(context.Timestamp.ToUnixTimeMilliseconds(), StringArgument(arguments, 0), StringArgument(arguments, 1), pictures);
    }

    /// <summary>$millis(): the evaluation's timestamp in milliseconds since the epoch.</summary>
    public static object? Millis(object?[] arguments, FunctionCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (double)context.Timestamp.ToUnixTimeMilliseconds();
    }
}
