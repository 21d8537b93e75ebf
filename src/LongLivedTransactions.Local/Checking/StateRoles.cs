using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// Which step of the saga each top-level state of a graded definition plays, whatever it is called: a Lambda task by
/// the function it calls, the Succeed and Fail states by their type, and an SNS publish by its name (with or without
/// <c>sns:</c>) or else by the step that leads to it (the state ReserveInventory goes on to is the success notification;
/// the one ReleaseInventory's Catch goes to announces the failed release). Other states play no step: the path
/// grading passes over them.
/// </summary>
internal sealed class StateRoles
{
    private readonly Dictionary<string, string> stepByState;
    private readonly List<string> stateOrder;

    private StateRoles(Dictionary<string, string> stepByState, List<string> stateOrder)
    {
        this.stepByState = stepByState;
        this.stateOrder = stateOrder;
    }

    /// <summary>The reference step a state plays, or null.</summary>
    public string? StepOf(string state) => stepByState.GetValueOrDefault(state);

    /// <summary>
    /// The graded definition's name for a reference step: the state of <paramref name="path"/> that plays it, else
    /// the state named like the step, else the first state that plays it; null when no state does.
    /// </summary>
    public string? StateFor(string step, IEnumerable<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IEnumerable<string> candidates = path.Concat(stateOrder);
        return candidates.FirstOrDefault(state => state == step && StepOf(state) == step)
            ?? candidates.FirstOrDefault(state => StepOf(state) == step);
    }

    public static StateRoles Assign(JsonObject machine, SagaReference reference)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(reference);
        List<DefinitionState> states = DefinitionState.TopLevel(machine).ToList();
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        var notifications = new List<DefinitionState>();
        foreach (DefinitionState state in states)
        {
            string? step = state.Type switch
            {
                "Succeed" => reference.StepOfKind(StepKind.Succeeded).Name,
                "Fail" => reference.StepOfKind(StepKind.Failed).Name,
                _ when state.FunctionReference is { } function && SagaFunctionNames.FunctionOfReference(function) is { } name => reference.StepOfFunction(name)?.Name,
                _ => null,
            };
            if (step is not null)
            {
                steps[state.Name] = step;
            }
            else if (state.IsSnsPublish)
            {
                notifications.Add(state);
            }
        }

        List<SagaStep> referenceNotifications = reference.Steps.Values.Where(s => s.Kind == StepKind.Notification).ToList();
        foreach (DefinitionState notification in notifications)
        {
            if (referenceNotifications.FirstOrDefault(s => string.Equals(Bare(s.Name), Bare(notification.Name), StringComparison.OrdinalIgnoreCase)) is { } named)
            {
                steps[notification.Name] = named.Name;
            }
        }

        // The others by the step that leads to them, as the reference's same step leads to a notification.
        foreach (DefinitionState state in states.Where(s => steps.ContainsKey(s.Name)))
        {
            SagaStep step = reference.Steps[steps[state.Name]];
            AssignTarget(state.Next, step.Next);
            foreach (string target in SagaReference.CatchTargetsOf(state))
            {
                AssignTarget(target, step.CatchTargets.FirstOrDefault(t => reference.Steps[t].Kind == StepKind.Notification));
            }
        }

        return new StateRoles(steps, states.Select(s => s.Name).ToList());

        void AssignTarget(string? target, string? referenceTarget)
        {
            if (target is not null && referenceTarget is not null && !steps.ContainsKey(target)
                && notifications.Exists(n => n.Name == target) && reference.Steps[referenceTarget].Kind == StepKind.Notification)
            {
                steps[target] = referenceTarget;
            }
        }
    }

    private static string Bare(string name) => name.StartsWith("sns:", StringComparison.OrdinalIgnoreCase) ? name[4..] : name;
}
