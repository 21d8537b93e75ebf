namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// An error raised while parsing or evaluating, with JSONata's code (S0xxx syntax, T type, D dynamic,
/// U user/limit) and the character position jsonata-js reports.
/// </summary>
public sealed class JsonataException : Exception
{
    public JsonataException(string code, string message, int position = -1, string? token = null, object? value = null)
        : base(message)
    {
        Code = code;
        Position = position;
        Token = token;
        Value = value;
    }

    public JsonataException()
        : this("U0000", "JSONata error")
    {
    }

    public JsonataException(string message)
        : this("U0000", message)
    {
    }

    public JsonataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "U0000";
        Position = -1;
    }

    /// <summary>JSONata's error code, for example <c>T2001</c>.</summary>
    public string Code { get; }

    /// <summary>The character position in the expression, or -1 when unknown.</summary>
    public int Position { get; internal set; }

    /// <summary>The token or function name the error is about, when there is one.</summary>
    public string? Token { get; internal set; }

    /// <summary>The value the error is about, when there is one.</summary>
    public object? Value { get; }
}
