namespace LongLivedTransactions.Jsonata;

/// <summary>
/// Variables an evaluation can read, looked up by name (without the <c>$</c>) only when the expression refers
/// to them: a host with many or large variables converts only those an expression uses.
/// </summary>
public interface IJsonataVariables
{
    bool TryGetValue(string name, out object? value);
}
