namespace LongLivedTransactions.Core.Functions;

/// <summary>
/// How a compensation finds what its forward step wrote. When nothing is there, the forward step failed, or timed out
/// and may still be running; the compensation then leaves a Void in the record's place, which the forward step's
/// conditional write respects, so that step can no longer commit after its compensation.
/// </summary>
public static class ForwardRecord
{
    /// <param name="read">Reads the forward record by its id (strongly consistent); null when there is none.</param>
    /// <param name="voidIfAbsent">Writes a Void in the record's place unless a record is there; false when one is.</param>
    /// <param name="isVoid">Tells a Void (left by an earlier attempt of the compensation) from a forward record.</param>
    /// <returns>The record to undo, or null when there is nothing to undo.</returns>
    public static async Task<T?> FindOrVoidAsync<T>(Func<Task<T?>> read, Func<Task<bool>> voidIfAbsent, Func<T, bool> isVoid)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(voidIfAbsent);
        ArgumentNullException.ThrowIfNull(isVoid);
        T? record = await read().ConfigureAwait(false);
        if (record is null)
        {
            if (await voidIfAbsent().ConfigureAwait(false))
            {
                return null;
            }

            // The forward record landed between the read and the Void: undo it.
            record = await read().ConfigureAwait(false);
        }

        return record is null || isVoid(record) ? null : record;
    }
}
