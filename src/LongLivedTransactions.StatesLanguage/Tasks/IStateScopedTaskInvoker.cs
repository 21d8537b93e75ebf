namespace LongLivedTransactions.StatesLanguage.Tasks;

/// <summary>
/// An invoker that answers for particular states rather than for a resource (a mocked test case, for
/// example). The engine asks <see cref="CanInvokeState"/> instead of <see cref="ITaskInvoker.CanInvoke"/>,
/// so states it does not cover fall through to the next invoker.
/// </summary>
public interface IStateScopedTaskInvoker : ITaskInvoker
{
    bool CanInvokeState(string stateName, string resource);
}
