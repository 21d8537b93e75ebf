namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// An exclusive lock on a state directory (the file <c>up.lock</c> in it, held open without sharing), so that two
/// hosts never run the same executions. The operating system releases it when the process ends, even by kill -9.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    public const string FileName = "up.lock";

    private readonly FileStream file;

    private StateDirectoryLock(FileStream file) => this.file = file;

    /// <exception cref="StateDirectoryInUseException">Another process holds the lock.</exception>
    public static StateDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            byte[] pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            file.Write(pid);
            file.Flush();
            return new StateDirectoryLock(file);
        }
        catch (IOException error)
        {
            throw new StateDirectoryInUseException(
                $"The state directory {directory} is in use by another running host (it holds {path}); stop that one first.", error);
        }
    }

    public void Dispose() => file.Dispose();
}

public sealed class StateDirectoryInUseException(string message, Exception inner) : IOException(message, inner);
