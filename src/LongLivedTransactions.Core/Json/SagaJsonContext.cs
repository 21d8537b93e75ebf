using System.Text.Json.Serialization;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Json;

/// <summary>Source-generated serializers for everything the functions read and write (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(FunctionLogEntry))]
public sealed partial class SagaJsonContext : JsonSerializerContext;
