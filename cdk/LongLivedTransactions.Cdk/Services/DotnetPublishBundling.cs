using System.Diagnostics;
using System.Text;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace LongLivedTransactions.Cdk.Services;

/// <summary>
/// Builds a service's deployment package on the machine that runs <c>cdk synth</c>, without Docker:
/// <c>dotnet publish</c> for linux-arm64, framework-dependent because the dotnet10 managed runtime brings the framework,
/// with ReadyToRun code so that a cold start runs precompiled code instead of compiling it just in time.
/// It derives from <see cref="DeputyBase"/> so that the CDK (which runs in Node.js through jsii) can call it back.
/// </summary>
/// <param name="projectFile">Absolute path of the service's .csproj.</param>
/// <param name="artifactsDirectory">
/// Where the publish keeps its intermediate files, apart from the projects' own bin/ and obj/, so that a publish for
/// linux-arm64 never rewrites the restore state that a concurrent Debug build or test run of the same projects uses.
/// </param>
public sealed class DotnetPublishBundling(string projectFile, string artifactsDirectory) : DeputyBase, ILocalBundling
{
    public const string RuntimeIdentifier = "linux-arm64";

    /// <summary>The <c>dotnet</c> arguments that publish the project into <paramref name="outputDirectory"/>.</summary>
    public IReadOnlyList<string> PublishArguments(string outputDirectory) =>
    [
        "publish", projectFile,
        "-c", "Release",
        "-r", RuntimeIdentifier,
        "--self-contained", "false",
        "-o", outputDirectory,
        "--artifacts-path", artifactsDirectory,
        // Class libraries get no runtimeconfig.json by default; the Lambda .NET runtime reads it.
        "-p:GenerateRuntimeConfigurationFiles=true",
        // Precompiles the functions and their packages (the AWS SDK above all) for linux-arm64: the methods a cold
        // start runs are loaded, not compiled by the JIT.
        "-p:PublishReadyToRun=true",
        // Maps source paths to /_/ in the binaries, so the same sources give the same package (and asset hash)
        // wherever the repository is cloned, and a deploy from another machine leaves unchanged functions alone.
        "-p:ContinuousIntegrationBuild=true",
        // Build servers outlive the publish and would keep its redirected output open, so WaitForExit would not return.
        "--disable-build-servers",
        "--nologo",
    ];

    /// <summary>Publishes the project. Returns true when the package is in <paramref name="outputDir"/>; throws if the build fails.</summary>
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        Console.Error.WriteLine($"Publishing {Path.GetFileNameWithoutExtension(projectFile)} for {RuntimeIdentifier} into {outputDir}");

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in PublishArguments(outputDir))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // ILocalBundling is a synchronous callback from the CDK, so this waits for the process rather than awaiting it.
        process.WaitForExit();

        if (process.ExitCode != 0)
        {
            // Failing here stops the synth with the compiler's messages, instead of falling back to Docker bundling.
            throw new InvalidOperationException(
                $"dotnet publish of {projectFile} failed with exit code {process.ExitCode}:{System.Environment.NewLine}{Read(output)}");
        }

        return true;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
