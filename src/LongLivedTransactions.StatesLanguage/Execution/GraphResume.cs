using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution.Runners;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Where one graph (the machine, a Parallel branch, a Map iteration) carries on from its recorded history: at a state
/// (<see cref="Point"/>, with that state's input), or nowhere because it had ended with <see cref="FinishedOutput"/>.
/// A branch or iteration that had begun but entered no state yet has neither and starts from its StartAt.
/// </summary>
/// <param name="Assigned">The variables its states assigned, in order, to assign again in its fresh scope.</param>
/// <param name="LastEventId">The last event recorded on the graph's thread.</param>
/// <param name="Continues">
/// The graph's thread carries on where it stopped (after a restart); otherwise it begins again (a redrive, or a Map
/// iteration that had failed), with a new MapIterationStarted, and its failed state is entered afresh.
/// </param>
/// <param name="IterationSucceeded">A Map iteration whose MapIterationSucceeded is in the history.</param>
internal sealed record GraphResume(
    ResumePoint? Point,
    JsonNode? Input,
    string? InputText,
    JsonObject Assigned,
    string? FinishedOutput,
    long LastEventId,
    bool Continues,
    bool IterationSucceeded)
{
    /// <summary>The graph's variable scope inside <paramref name="parent"/>, with what its states had assigned.</summary>
    public VariableScope Variables(VariableScope? parent)
    {
        var variables = new VariableScope(parent);
        variables.AssignAll(Assigned);
        return variables;
    }
}

/// <summary>
/// How far a Map or Parallel state that is carried on had got: where each branch or iteration that had begun is,
/// by its index. Those that had not begun are missing and run from their start.
/// </summary>
internal sealed record ContainerResume(IReadOnlyDictionary<int, GraphResume> Children)
{
    public GraphResume? Child(int index) => Children.GetValueOrDefault(index);
}
