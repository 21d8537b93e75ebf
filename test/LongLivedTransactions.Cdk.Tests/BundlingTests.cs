using Amazon.CDK;
using LongLivedTransactions.Cdk.Services;
using LongLivedTransactions.Cdk.Tests.Fixtures;

namespace LongLivedTransactions.Cdk.Tests;

/// <summary>
/// The local bundling command. A real publish of each service runs in `npx cdk synth`; here only the command line
/// and the failure path, which are quick.
/// </summary>
[Collection(SynthesisGroup.Name)]
public sealed class BundlingTests
{
    [Fact]
    public void PublishesFrameworkDependentForLinuxArm64InRelease()
    {
        var bundling = new DotnetPublishBundling("/repo/src/Svc/Svc.csproj", "/tmp/artifacts");

        string commandLine = string.Join(' ', bundling.PublishArguments("/out"));

        Assert.StartsWith("publish /repo/src/Svc/Svc.csproj ", commandLine, StringComparison.Ordinal);
        Assert.Contains(" -c Release -r linux-arm64 --self-contained false -o /out ", commandLine, StringComparison.Ordinal);
        Assert.Contains(" --artifacts-path /tmp/artifacts ", commandLine, StringComparison.Ordinal);
        Assert.Contains(" -p:GenerateRuntimeConfigurationFiles=true ", commandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishesReadyToRunCode()
    {
        var bundling = new DotnetPublishBundling("/repo/src/Svc/Svc.csproj", "/tmp/artifacts");

        Assert.Contains("-p:PublishReadyToRun=true", bundling.PublishArguments("/out"));
    }

    [Fact]
    public void FailsTheSynthWithDotnetsMessageWhenThePublishFails()
    {
        DirectoryInfo scratch = Directory.CreateTempSubdirectory("saga-cdk-bundling-");
        try
        {
            string missingProject = Path.Combine(scratch.FullName, "Missing", "Missing.csproj");
            var bundling = new DotnetPublishBundling(missingProject, Path.Combine(scratch.FullName, "artifacts"));
            var options = new BundlingOptions { Image = DockerImage.FromRegistry("unused") };

            InvalidOperationException error = Assert.Throws<InvalidOperationException>(
                () => bundling.TryBundle(Path.Combine(scratch.FullName, "out"), options));

            Assert.Contains($"dotnet publish of {missingProject} failed with exit code", error.Message, StringComparison.Ordinal);
            Assert.Contains("MSB1009", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
