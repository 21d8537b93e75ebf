using System.Security.Cryptography;
using System.Text;

namespace LongLivedTransactions.Core.Identity;

/// <summary>
/// Deterministic transaction ids: a name-based UUID (version 5, RFC 9562) of <c>order_id|type</c>. A retried step
/// computes the same id and so overwrites its own record instead of adding a second one.
/// </summary>
public static class TransactionIds
{
    /// <summary>The fixed namespace of all saga transaction ids.</summary>
    public static readonly Guid Namespace = new("6f1c3f0e-3b7a-5c2e-9a47-2d5b8e0c4a11");

    public static string For(string orderId, string transactionType) =>
        CreateVersion5(Namespace, $"{orderId}|{transactionType}").ToString();

    public static Guid CreateVersion5(Guid namespaceId, string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);

        byte[] input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);

#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 UUIDs; it is not used for security.
        byte[] hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
