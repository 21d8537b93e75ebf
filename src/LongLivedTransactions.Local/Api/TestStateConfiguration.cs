using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The <c>stateConfiguration</c> of a TestState request: where in its life the tested state is. How many retries the
/// matching Retry rule has made, how many iterations of a Map failed, what a Map's ItemReader reads, and for a mocked
/// error of a Map or Parallel state, the state inside it the error came from (checked to be one; the response does
/// not show it).
/// </summary>
public sealed record TestStateConfiguration(int RetrierRetryCount, int MapIterationFailureCount, string? MapItemReaderData)
{
    private const int MaxStateNameLength = 80;
    private const int MaxItemReaderDataLength = 262_144;

    /// <exception cref="StepFunctionsException">ValidationException for a value that does not fit the state.</exception>
    public static TestStateConfiguration Read(ApiRequest? configuration, State state)
    {
        if (configuration is null)
        {
            return new TestStateConfiguration(0, 0, null);
        }

        int retries = configuration.OptionalInt("retrierRetryCount", 0, int.MaxValue) ?? 0;
        int? failedIterations = configuration.OptionalInt("mapIterationFailureCount", 0, int.MaxValue);
        string? errorCausedBy = configuration.OptionalString("errorCausedByState", MaxStateNameLength, minLength: 1);
        string? itemReaderData = configuration.OptionalString("mapItemReaderData", MaxItemReaderDataLength);
        if (failedIterations is not null && state is not MapState)
        {
            throw StepFunctionsErrors.OperationValidation(
                $"mapIterationFailureCount applies to a Map state; the state '{state.Name}' is a {state.Type} state.");
        }

        if (itemReaderData is not null && state is not MapState { ItemReader: not null })
        {
            throw StepFunctionsErrors.OperationValidation($"mapItemReaderData applies to a Map state with an ItemReader; the state '{state.Name}' has none.");
        }

        if (errorCausedBy is not null && !StateLookup.ChildGraphs(state).Any(graph => StateLookup.Find(graph, errorCausedBy) is not null))
        {
            throw StepFunctionsErrors.OperationValidation(
                $"errorCausedByState '{errorCausedBy}' is not a state of the item processor or branches of the {state.Type} state '{state.Name}'.");
        }

        return new TestStateConfiguration(retries, failedIterations ?? 0, itemReaderData);
    }
}
