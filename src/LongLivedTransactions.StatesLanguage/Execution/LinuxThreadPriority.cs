using System.Runtime.InteropServices;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Lowers the calling thread's priority on Linux, where <see cref="Thread.Priority"/> has no effect: each thread has
/// a nice value of its own, and a process may always raise its own threads' nice values (lower their priority).
/// </summary>
internal static class LinuxThreadPriority
{
    private const int PriorityOfProcess = 0;

    /// <summary>Sets the calling thread's nice value; does nothing on other systems or if the C library refuses.</summary>
    public static void Lower(int niceValue)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // With PRIO_PROCESS, Linux takes a thread id for "who" and changes that thread only.
            _ = SetPriority(PriorityOfProcess, GetThreadId(), niceValue);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without these calls: the threads keep the normal priority.
        }
    }

    // DllImport rather than LibraryImport: plain integers need no marshalling code, and the project stays free of unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int niceValue);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
