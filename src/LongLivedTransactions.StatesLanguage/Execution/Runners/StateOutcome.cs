using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>What a state hands on: its output (and that output's JSON text, reused by the next StateEntered event) and the next state, or null to end.</summary>
internal readonly record struct StateOutcome(JsonNode? Output, JsonText OutputText, string? Next);
