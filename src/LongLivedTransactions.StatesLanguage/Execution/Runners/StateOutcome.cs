using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// What a state hands on: its output (and that output's JSON text, reused by the next StateEntered event), the next
/// state, or null to end, and when it exited (null for a branch that had ended before a restart).
/// </summary>
internal readonly record struct StateOutcome(JsonNode? Output, JsonText OutputText, string? Next, DateTimeOffset? ExitedAt = null);
