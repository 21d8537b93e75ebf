using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LongLivedTransactions.Local.DynamoDb;

/// <summary>
/// Runs dynalite (the npm DynamoDB-compatible server) on a loopback port for as long as this object lives: in memory,
/// or with its tables in LevelDB under a data directory. Installs the npm packages of the repository first when
/// dynalite is missing. The child ends by itself when this process dies (it watches its standard input), and with a
/// data directory a pid file beside it lets the next start stop a dynalite left over from a killed run.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How many free ports are tried when the one found is taken before dynalite binds it.</summary>
    private const int FreePortAttempts = 5;

    // How long a dynalite whose lifeline closed may take to finish the requests it is serving before it is killed.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // Runs dynalite's CLI (the script's path and its arguments follow) and watches standard input as a lifeline. When
    // it closes (the parent stopped, or died however it died) dynalite stops listening and node exits once the
    // requests in flight are done: dynalite writes an item and its index entries as separate LevelDB writes, so
    // exiting in the middle of a request could leave an index entry without its item. A request that never ends
    // cannot hold it for more than ten seconds.
    private const string Launcher = """
        const http = require('http');
        const servers = [];
        const createServer = http.createServer;
        http.createServer = function (...args) { const server = createServer.apply(this, args); servers.push(server); return server; };
        const stop = () => {
          servers.forEach(server => server.close());
          process.stdin.destroy();
          setTimeout(() => process.exit(0), 10000).unref();
        };
        process.stdin.on('end', stop);
        process.stdin.on('error', stop);
        process.stdin.resume();
        require(process.argv[1]);
        """;

    private readonly Process process;
    private readonly string? pidFile;

    private DynaliteServer(Process process, int port, string? pidFile)
    {
        this.process = process;
        this.pidFile = pidFile;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The endpoint to give an AWS SDK client as its service URL.</summary>
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>The id of the node process that runs dynalite.</summary>
    public int ProcessId => process.Id;

    /// <summary>The process id of a dynalite left over from an earlier run on the same data directory that this start stopped.</summary>
    public int? StoppedLeftoverPid { get; private init; }

    /// <param name="repositoryRoot">Folder with package.json; dynalite is looked up in its node_modules.</param>
    /// <param name="port">A fixed port, or 0 for any free loopback port.</param>
    public static Task<DynaliteServer> StartAsync(string repositoryRoot, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(repositoryRoot, port, dataDirectory: null, cancellationToken);

    /// <param name="repositoryRoot">Folder with package.json; dynalite is looked up in its node_modules.</param>
    /// <param name="port">A fixed port, or 0 for any free loopback port.</param>
    /// <param name="dataDirectory">Where dynalite keeps its tables (LevelDB); null for in memory.</param>
    public static async Task<DynaliteServer> StartAsync(
        string repositoryRoot, int port, string? dataDirectory, CancellationToken cancellationToken)
    {
        string cli = Path.Combine(repositoryRoot, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            await NpmInstaller.InstallAsync(repositoryRoot, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(cli))
        {
            throw new FileNotFoundException($"dynalite is not installed: {cli} is missing after 'npm install'.", cli);
        }

        string? pidFile = null;
        int? stopped = null;
        if (dataDirectory is not null)
        {
            dataDirectory = Path.GetFullPath(dataDirectory);
            Directory.CreateDirectory(dataDirectory);
            pidFile = dataDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".pid";
            stopped = await StopLeftoverAsync(pidFile, dataDirectory, cancellationToken).ConfigureAwait(false);
        }

        // A free port found here can be taken by another process before dynalite binds it; then another is tried.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await LaunchAsync(cli, port == 0 ? FindFreeLoopbackPort() : port, dataDirectory, pidFile, stopped, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (PortInUseException) when (port == 0 && attempt < FreePortAttempts)
            {
            }
        }
    }

    private static async Task<DynaliteServer> LaunchAsync(
        string cli, int port, string? dataDirectory, string? pidFile, int? stoppedLeftoverPid, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                "-e", Launcher, cli,
                "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Tables become ACTIVE at once instead of after dynalite's default half-second delay.
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0",
            },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dataDirectory is not null)
        {
            startInfo.ArgumentList.Add("--path");
            startInfo.ArgumentList.Add(dataDirectory);
        }

        Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for dynalite.");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorText = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("listening at", StringComparison.OrdinalIgnoreCase) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errorText)
            {
                if (line.Data is not null && errorText.Length < 4000)
                {
                    errorText.AppendLine(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new DynaliteServer(process, port, pidFile) { StoppedLeftoverPid = stoppedLeftoverPid };
        try
        {
            await server.WaitUntilListeningAsync(listening.Task, errorText, cancellationToken).ConfigureAwait(false);
            if (pidFile is not null)
            {
                await File.WriteAllTextAsync(
                    pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Closes dynalite's lifeline, so that it finishes the requests in flight and exits; kills it if it has not
    /// exited within <see cref="StopTimeout"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(StopTimeout);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or IOException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        process.Dispose();
        if (pidFile is not null)
        {
            File.Delete(pidFile);
        }
    }

    /// <summary>
    /// Stops the dynalite a killed run left behind on this data directory (it would hold the LevelDB lock), if the
    /// pid file names a live node process serving that directory. Returns its pid when it stopped one.
    /// </summary>
    private static async Task<int?> StopLeftoverAsync(string pidFile, string dataDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(pidFile)
            || !int.TryParse(await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false), out int pid))
        {
            return null;
        }

        Process leftover;
        try
        {
            leftover = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            File.Delete(pidFile);
            return null;
        }

        using (leftover)
        {
            string commandLine = ReadCommandLine(pid);
            if (!commandLine.Contains("dynalite", StringComparison.Ordinal) || !commandLine.Contains(dataDirectory, StringComparison.Ordinal))
            {
                // The pid has been reused by something else: not ours to stop.
                File.Delete(pidFile);
                return null;
            }

            leftover.Kill(entireProcessTree: true);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await leftover.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            File.Delete(pidFile);
            return pid;
        }
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private async Task WaitUntilListeningAsync(Task listening, System.Text.StringBuilder errorText, CancellationToken cancellationToken)
    {
        // Ready means this process said it listens: a connection to the port could reach some other server on it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        Task exited = process.WaitForExitAsync(timeout.Token);
        Task first = await Task.WhenAny(listening, exited).ConfigureAwait(false);
        if (first == listening)
        {
            return;
        }

        timeout.Token.ThrowIfCancellationRequested();
        string detail;
        lock (errorText)
        {
            detail = errorText.ToString().Trim();
        }

        if (detail.Contains("EADDRINUSE", StringComparison.Ordinal))
        {
            throw new PortInUseException($"dynalite exited with code {process.ExitCode} before listening on port {Port}: port {Port} is already in use");
        }

        throw new InvalidOperationException($"dynalite exited with code {process.ExitCode} before listening on port {Port}: {detail}");
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>dynalite could not bind its port: another process has it.</summary>
    private sealed class PortInUseException(string message) : InvalidOperationException(message);
}
