using System.Diagnostics;

namespace LongLivedTransactions.Local.DynamoDb;

/// <summary>Installs the repository's npm packages (dynalite) from its lock file.</summary>
internal static class NpmInstaller
{
    public static async Task InstallAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("npm")
        {
            ArgumentList = { "install", "--no-audit", "--no-fund" },
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start npm; is Node.js installed?");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm install' failed with exit code {process.ExitCode}: {await errors.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
