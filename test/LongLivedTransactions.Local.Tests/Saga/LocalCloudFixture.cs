using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>One local cloud (dynalite, tables, functions, engine) shared by the tests of a class.</summary>
public sealed class LocalCloudFixture : IAsyncLifetime
{
    public LocalCloud Cloud { get; private set; } = null!;

    public static string RepositoryRoot { get; } = Local.RepositoryRoot.Find();

    public async Task InitializeAsync() =>
        Cloud = await LocalCloud.StartAsync(new LocalCloudOptions { RepositoryRoot = RepositoryRoot }, CancellationToken.None);

    public async Task DisposeAsync() => await Cloud.DisposeAsync();

    /// <summary>The expected outcome of every scenario file, as the README's table states it.</summary>
    public static IReadOnlyList<JsonObject> ExpectedScenarios() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "events", "expected", "scenarios.json")))!["scenarios"]!
            .AsArray()
            .Select(s => s!.AsObject())
            .ToList();

    public static string[] Strings(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
}
