using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace LongLivedTransactions.Cdk.Tests.Fixtures;

/// <summary>
/// The saga stack synthesized once into a temporary cloud assembly, with the context of cdk.json. Bundling is skipped
/// (empty <c>aws:cdk:bundling-stacks</c>), so no dotnet publish runs: `npx cdk synth` exercises that.
/// </summary>
public sealed class SynthesizedSagaStack : IDisposable
{
    private readonly DirectoryInfo outdir;

    private SynthesizedSagaStack(IReadOnlyDictionary<string, object> extraContext)
    {
        // The jsii runtime starts Node.js on the first CDK call and inherits this variable.
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");

        RepositoryRoot = Cdk.RepositoryRoot.Find(AppContext.BaseDirectory);
        outdir = Directory.CreateTempSubdirectory("saga-cdk-tests-");

        Dictionary<string, object> context = CdkJsonContext.Load(RepositoryRoot);
        context["aws:cdk:bundling-stacks"] = Array.Empty<string>();
        foreach ((string key, object value) in extraContext)
        {
            context[key] = value;
        }

        var app = new App(new AppProps { Outdir = outdir.FullName, Context = context });
        Stack = new SagaStack(app, SagaStack.DefaultStackName, SagaStackSettings.FromContext(app, RepositoryRoot));
        Template = Template.FromStack(Stack);
        Json = new TemplateJson(JsonNode.Parse(File.ReadAllText(Path.Combine(outdir.FullName, Stack.TemplateFile)))!.AsObject());
    }

    public string RepositoryRoot { get; }

    public SagaStack Stack { get; }

    /// <summary>The template for Amazon.CDK.Assertions queries.</summary>
    public Template Template { get; }

    /// <summary>The same template as JSON, for checks that follow references between resources.</summary>
    public TemplateJson Json { get; }

    public static SynthesizedSagaStack Synthesize(IReadOnlyDictionary<string, object>? extraContext = null) =>
        new(extraContext ?? new Dictionary<string, object>());

    public string LogicalId(Constructs.IConstruct construct) =>
        Stack.GetLogicalId((CfnElement)construct.Node.DefaultChild!);

    public void Dispose() => outdir.Delete(recursive: true);
}
