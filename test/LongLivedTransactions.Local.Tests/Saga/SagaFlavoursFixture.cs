using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>
/// One local cloud per flavour of the saga definition, each with its own dynalite, so that the records a scenario
/// leaves are those of the flavour under test and never those of the other.
/// </summary>
public sealed class SagaFlavoursFixture : IAsyncLifetime
{
    private readonly Dictionary<SagaQueryLanguage, LocalCloud> clouds = [];

    public LocalCloud Cloud(SagaQueryLanguage flavour) => clouds[flavour];

    public async Task InitializeAsync()
    {
        foreach (SagaQueryLanguage flavour in Enum.GetValues<SagaQueryLanguage>())
        {
            clouds[flavour] = await LocalCloud.StartAsync(
                new LocalCloudOptions
                {
                    RepositoryRoot = LocalCloudFixture.RepositoryRoot,
                    SagaDefinitionFile = Path.Combine(LocalCloudFixture.RepositoryRoot, SagaTopology.DefinitionPath(flavour)),
                },
                CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (LocalCloud cloud in clouds.Values)
        {
            await cloud.DisposeAsync();
        }
    }
}
