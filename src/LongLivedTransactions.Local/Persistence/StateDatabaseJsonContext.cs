using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>How the state database writes JSON it stores (an event's details), without reflection.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class StateDatabaseJsonContext : JsonSerializerContext;
