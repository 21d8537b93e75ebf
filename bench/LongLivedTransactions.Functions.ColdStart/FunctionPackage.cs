using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LongLivedTransactions.Functions.ColdStart;

/// <summary>
/// A service's deployment package, published for this machine the way the CDK app publishes it for Lambda
/// (framework-dependent, Release, with its runtimeconfig.json), with or without ReadyToRun code.
/// </summary>
internal sealed record FunctionPackage(string Label, string AssemblyPath)
{
    public static async Task<FunctionPackage> PublishAsync(
        string repositoryRoot, string project, bool readyToRun, string label, CancellationToken cancellationToken)
    {
        // A fixed folder, so that a second run of the harness publishes incrementally.
        string directory = Path.Combine(Path.GetTempPath(), "saga-cold-start", project + (readyToRun ? "-r2r" : "-jit"));
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])
            [
                "publish", Path.Combine(repositoryRoot, "src", project, project + ".csproj"),
                "-c", "Release",
                "-r", RuntimeInformation.RuntimeIdentifier,
                "--self-contained", "false",
                "-o", Path.Combine(directory, "package"),
                "--artifacts-path", Path.Combine(directory, "artifacts"),
                "-p:GenerateRuntimeConfigurationFiles=true",
                $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}",
                "--disable-build-servers",
                "--nologo",
            ])
        {
            startInfo.ArgumentList.Add(argument);
        }

        Console.Error.WriteLine($"Publishing {project} ({label}) for {RuntimeInformation.RuntimeIdentifier}");
        using Process publish = Process.Start(startInfo)!;
        Task<string> error = publish.StandardError.ReadToEndAsync(cancellationToken);
        string output = await publish.StandardOutput.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of {project} failed:{Environment.NewLine}{output}{await error}");
        }

        return new FunctionPackage(label, Path.Combine(directory, "package", project + ".dll"));
    }

    /// <summary>The package's runtimeconfig.json, which Lambda starts the function's process with.</summary>
    public string RuntimeConfig => Path.ChangeExtension(AssemblyPath, ".runtimeconfig.json");
}
