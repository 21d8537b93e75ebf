using System.Text.RegularExpressions;
using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Diagrams;

/// <summary>
/// The README's diagrams are the output of <c>diagram FILE</c>: each block between <c>&lt;!-- diagram: FILE... --&gt;</c>
/// and <c>&lt;!-- /diagram --&gt;</c> must be exactly what every file named in its marker generates.
/// </summary>
public sealed partial class ReadmeDiagramTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public async Task Every_diagram_in_the_readme_is_the_one_its_definitions_generate()
    {
        string readme = await File.ReadAllTextAsync(Path.Combine(Root, "README.md"));
        var blocks = DiagramBlock().Matches(readme);
        var covered = new List<string>();
        foreach (Match block in blocks)
        {
            foreach (string file in block.Groups["files"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string expected = $"```mermaid\n{await GenerateAsync(file)}```\n";
                Assert.True(
                    block.Groups["body"].Value == expected,
                    $"README.md's diagram of {file} differs from what the definition generates. Put this between its markers:\n{expected}");
                covered.Add(file);
            }
        }

        // Both saga definitions are shown, so a change to either one shows up here.
        Assert.Equal(["statemachine/saga.asl.json", "statemachine/saga.jsonata.asl.json"], covered.Order(StringComparer.Ordinal));
    }

    private static async Task<string> GenerateAsync(string file)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int exitCode = await DiagramCommand.ExecuteAsync([Path.Combine(Root, file)], output, errors, CancellationToken.None);
        Assert.True(exitCode == 0, $"diagram {file} failed: {errors}");
        return output.ToString();
    }

    [GeneratedRegex(@"<!-- diagram: (?<files>[^>]+?) -->\n(?<body>.*?)<!-- /diagram -->", RegexOptions.Singleline)]
    private static partial Regex DiagramBlock();
}
