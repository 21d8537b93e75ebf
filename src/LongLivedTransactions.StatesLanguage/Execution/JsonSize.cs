using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Measures the exact UTF-8 size of a value's JSON text (as <see cref="DataFlow.ToJsonText"/> writes it) without keeping
/// the text, for a value whose <see cref="JsonSizeBound"/> is over the payload limit. One instance serves the executions
/// of an engine, one measurement at a time, with one writer and one scratch buffer (a writer of its own for every
/// measurement cost as much as the measuring).
/// </summary>
internal sealed class JsonSize
{
    private readonly Lock _lock = new();
    private readonly CountingBufferWriter _counter = new();
    private Utf8JsonWriter? _writer;

    public long Utf8Bytes(JsonNode node)
    {
        lock (_lock)
        {
            _counter.Count = 0;
            var writer = _writer ??= new Utf8JsonWriter(_counter, DataFlow.TextWriterOptions);
            writer.Reset(); // a measurement that threw may have left the writer mid-value
            node.WriteTo(writer, DataFlow.TextOptions);
            writer.Flush();
            return _counter.Count;
        }
    }

    /// <summary>Hands out one scratch buffer again and again and counts what is written into it.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public long Count { get; set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                _scratch = new byte[sizeHint];
            }

            return _scratch;
        }
    }
}
