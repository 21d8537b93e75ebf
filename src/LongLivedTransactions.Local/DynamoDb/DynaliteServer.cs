using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LongLivedTransactions.Local.DynamoDb;

/// <summary>
/// Runs dynalite (the npm DynamoDB-compatible server, in memory) on a free loopback port for as long as this
/// object lives. Installs the npm packages of the repository first when dynalite is missing.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;

    private DynaliteServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The endpoint to give an AWS SDK client as its service URL.</summary>
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");

    /// <param name="repositoryRoot">Folder with package.json; dynalite is looked up in its node_modules.</param>
    /// <param name="port">A fixed port, or 0 for any free loopback port.</param>
    public static async Task<DynaliteServer> StartAsync(string repositoryRoot, int port = 0, CancellationToken cancellationToken = default)
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

        int chosenPort = port == 0 ? FindFreeLoopbackPort() : port;
        var startInfo = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                cli, "--host", "127.0.0.1", "--port", chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Tables become ACTIVE at once instead of after dynalite's default half-second delay.
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for dynalite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new DynaliteServer(process, chosenPort);
        try
        {
            await server.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {process.ExitCode} before listening on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token).ConfigureAwait(false);
            }
        }
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
