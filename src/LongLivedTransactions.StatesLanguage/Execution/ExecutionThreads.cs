using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Threads of the engine's own, where executions do their work when a host gives them (<see cref="ExecutionEngine.Threads"/>).
/// On the shared thread pool the work of thousands of executions queues ahead of the requests a server handles there,
/// so a StartExecution waits behind it; on threads of their own, executions leave the pool to the requests. Awaits
/// complete wherever their work ends (a task's HTTP response arrives on the pool), so an execution comes back here
/// at the start of each state, after each task call and after a retry back-off. The threads run at a priority below normal, so that a
/// request that arrives while they are busy is served first.
/// </summary>
public sealed class ExecutionThreads : IDisposable
{
    /// <summary>What the threads are called (followed by their number).</summary>
    public const string ThreadName = "Execution";

    /// <summary>
    /// The threads' nice value on Linux (0 is normal, 19 the lowest): below the requests, dynalite and the
    /// functions' I/O, which then get the processor first, so that a busy engine does not slow every request down.
    /// </summary>
    public const int BelowNormalNiceValue = 10;

    private readonly ConcurrentQueue<Action> _work = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly Thread[] _threads;
    private volatile bool _disposed;

    /// <param name="count">How many threads; the processor count is a good choice.</param>
    public ExecutionThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(RunWork) { IsBackground = true, Name = $"{ThreadName} {i + 1}", Priority = ThreadPriority.BelowNormal };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads.</summary>
    internal void Start(IThreadPoolWorkItem work) => Post(work.Execute);

    /// <summary>
    /// Awaiting it carries on the calling async method on one of the threads; at once when already on one, or when
    /// <paramref name="threads"/> is null (the engine runs on the thread pool).
    /// </summary>
    internal static Switch SwitchTo(ExecutionThreads? threads) => new(threads);

    /// <summary>Stops the threads once the work queued so far is done; work queued later goes to the thread pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _available.Release(_threads.Length);
    }

    private bool IsCurrentThread => Array.IndexOf(_threads, Thread.CurrentThread) >= 0;

    private void Post(Action work)
    {
        _work.Enqueue(work);
        if (_disposed)
        {
            // The threads may have ended already: nothing queued is left behind.
            HandOverToThreadPool();
            return;
        }

        _available.Release();
    }

    private void RunWork()
    {
        LinuxThreadPriority.Lower(BelowNormalNiceValue);
        while (true)
        {
            _available.Wait();
            if (_work.TryDequeue(out var work))
            {
                work();
            }
            else if (_disposed)
            {
                HandOverToThreadPool();
                return;
            }
        }
    }

    private void HandOverToThreadPool()
    {
        while (_work.TryDequeue(out var work))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static action => action(), work, preferLocal: false);
        }
    }

    /// <summary>The awaitable of <see cref="SwitchTo"/>.</summary>
    internal readonly struct Switch(ExecutionThreads? threads) : ICriticalNotifyCompletion
    {
        public bool IsCompleted => threads is null || threads.IsCurrentThread;

        public Switch GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation)
        {
            var context = ExecutionContext.Capture();
            threads!.Post(context is null ? continuation : () => ExecutionContext.Run(context, static state => ((Action)state!)(), continuation));
        }

        // The async method builder restores the execution context itself.
        public void UnsafeOnCompleted(Action continuation) => threads!.Post(continuation);
    }
}
