using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LongLivedTransactions.StatesLanguage.Execution.Callbacks;

/// <summary>
/// What a task token stands for: one attempt of one visit of a Task state. The token is this, signed with the
/// engine's secret key (HMAC-SHA256) and written as base64url: opaque and unguessable to its holders, and the same
/// token again for the same attempt after a restart, as long as the key is kept (the local host keeps it in its state
/// directory).
/// </summary>
/// <param name="ExecutionArn">The execution the task belongs to.</param>
/// <param name="Scope">Empty for the execution's own states; names the child run of a distributed Map otherwise.</param>
/// <param name="EnteredEventId">The id of the state's StateEntered event in its run.</param>
/// <param name="Attempt">0 for the first attempt, 1 for the first retry, and so on.</param>
public sealed record TaskToken(string ExecutionArn, string Scope, long EnteredEventId, int Attempt)
{
    private const byte Version = 1;
    private const int MacBytes = 32;

    internal string Sign(byte[] key)
    {
        var payload = Payload();
        var mac = HMACSHA256.HashData(key, payload);
        return Base64Url.EncodeToString([.. payload, .. mac]);
    }

    /// <summary>The token's fields, or null when it is not a token this key signed.</summary>
    internal static TaskToken? Read(string text, byte[] key)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length < 1 + 8 + 4 + 4 + MacBytes || bytes[0] != Version)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacBytes);
        var expected = HMACSHA256.HashData(key, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacBytes)))
        {
            return null;
        }

        var enteredEventId = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
        var attempt = BinaryPrimitives.ReadInt32BigEndian(payload[9..]);
        var scopeLength = BinaryPrimitives.ReadInt32BigEndian(payload[13..]);
        if (scopeLength < 0 || scopeLength > payload.Length - 17)
        {
            return null;
        }

        var scope = Encoding.UTF8.GetString(payload.Slice(17, scopeLength));
        var executionArn = Encoding.UTF8.GetString(payload[(17 + scopeLength)..]);
        return new TaskToken(executionArn, scope, enteredEventId, attempt);
    }

    private byte[] Payload()
    {
        var scope = Encoding.UTF8.GetBytes(Scope);
        var arn = Encoding.UTF8.GetBytes(ExecutionArn);
        var payload = new byte[17 + scope.Length + arn.Length];
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1), EnteredEventId);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(9), Attempt);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(13), scope.Length);
        scope.CopyTo(payload, 17);
        arn.CopyTo(payload, 17 + scope.Length);
        return payload;
    }
}
