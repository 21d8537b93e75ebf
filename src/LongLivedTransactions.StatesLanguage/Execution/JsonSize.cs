using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>The UTF-8 size of a value's JSON text (as <see cref="DataFlow.ToJsonText"/> writes it), counted without keeping the text.</summary>
internal static class JsonSize
{
    public static long Utf8Bytes(JsonNode node)
    {
        var counter = new CountingBufferWriter();
        try
        {
            using (var writer = new Utf8JsonWriter(counter, DataFlow.TextWriterOptions))
            {
                node.WriteTo(writer, DataFlow.TextOptions);
            }

            return counter.Count;
        }
        finally
        {
            counter.Release();
        }
    }

    /// <summary>Hands out one scratch buffer again and again and counts what is written into it.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = ArrayPool<byte>.Shared.Rent(4096);

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        public void Release() => ArrayPool<byte>.Shared.Return(_scratch);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = ArrayPool<byte>.Shared.Rent(sizeHint);
            }

            return _scratch;
        }
    }
}
