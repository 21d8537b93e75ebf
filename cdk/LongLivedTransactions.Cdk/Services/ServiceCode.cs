using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace LongLivedTransactions.Cdk.Services;

/// <summary>The deployment package of one service project, published by the app itself during synth.</summary>
public static class ServiceCode
{
    /// <param name="repositoryRoot">Absolute path of the repository.</param>
    /// <param name="project">The service project, relative to <c>src/</c> (for example LongLivedTransactions.Orders).</param>
    /// <param name="artifactsDirectory">Where <c>dotnet publish</c> keeps its intermediate files.</param>
    /// <param name="runtime">The Lambda runtime; its build image is named only because CDK requires an image.</param>
    public static Code FromProject(string repositoryRoot, string project, string artifactsDirectory, Runtime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        string projectDirectory = Path.Combine(repositoryRoot, "src", project);
        string projectFile = Path.Combine(projectDirectory, project + ".csproj");

        return Code.FromAsset(projectDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            // The hash comes from the published files, so a change in a referenced project (Core) redeploys the service too.
            AssetHashType = AssetHashType.OUTPUT,
            Bundling = new BundlingOptions
            {
                // Unused: DotnetPublishBundling always builds locally or fails, it never hands over to Docker.
                Image = runtime.BundlingImage,
                Local = new DotnetPublishBundling(projectFile, artifactsDirectory),
            },
        });
    }
}
