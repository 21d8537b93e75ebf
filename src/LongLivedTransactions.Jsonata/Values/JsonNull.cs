namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// JSON <c>null</c>. In the value model C# <c>null</c> means JSONata's <em>undefined</em> (nothing),
/// which is far more common than JSON null, so JSON null gets this sentinel instead.
/// </summary>
public sealed class JsonNull
{
    public static readonly JsonNull Value = new();

    private JsonNull()
    {
    }

    public override string ToString() => "null";
}
