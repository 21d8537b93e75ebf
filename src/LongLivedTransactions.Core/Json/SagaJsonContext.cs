using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Json;

/// <summary>Source-generated serializers for everything the functions read and write (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(FunctionLogEntry))]
public sealed partial class SagaJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same serializers, writing text as it was given: a '+' or an accent in the order stays as it is instead of
    /// becoming a <c>\u</c> escape. The functions return their JSON through it.
    /// </summary>
    public static SagaJsonContext Verbatim { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
