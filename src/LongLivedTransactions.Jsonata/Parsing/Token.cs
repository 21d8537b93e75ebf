namespace LongLivedTransactions.Jsonata.Parsing;

internal enum TokenType
{
    Operator,
    Name,
    Variable,
    String,
    Number,
    Value,
    Regex,
    End,
}

/// <summary>
/// One lexical token. <see cref="Position"/> is the index just after the token, which is where jsonata-js
/// reports errors.
/// </summary>
internal sealed record Token(TokenType Type, string Text, object? Value, int Position);
