using LongLivedTransactions.Jsonata.Tests.Support;
using Xunit.Abstractions;

namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>
/// The official JSONata 2.0.6 suite, one test per group (100 groups, 1,625 cases, the <c>$eval</c> ones included:
/// the Standard dialect has <c>$eval</c>). A group passes when every case in it matches, except those listed in
/// Conformance/known-failures.txt, which must still fail.
/// </summary>
public sealed class SuiteGroupTests(ITestOutputHelper output)
{
    internal static readonly Lazy<KnownFailures> Known = new(() => KnownFailures.Load(KnownFailuresFile));

    internal static string KnownFailuresFile => RepositoryPaths.TestProjectFile("Conformance", "known-failures.txt");

    public static TheoryData<string> Groups() => new(Suite.Groups);

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_matches_the_suite_except_the_known_failures(string group)
    {
        var outcomes = Suite.InGroup(group).Select(Suite.Outcome).ToArray();
        var known = Known.Value;
        output.WriteLine($"{group}: {outcomes.Count(o => o.Passed)} of {outcomes.Length} cases pass");
        foreach (var failed in outcomes.Where(o => !o.Passed))
        {
            output.WriteLine((known.Contains(failed.Case.Name) ? "  known   " : "  FAILED  ") + failed.Describe());
        }

        var newFailures = outcomes.Where(o => !o.Passed && !known.Contains(o.Case.Name)).ToArray();
        var nowPassing = outcomes.Where(o => o.Passed && known.Contains(o.Case.Name)).ToArray();
        Assert.True(
            newFailures.Length == 0 && nowPassing.Length == 0,
            $"Failing and not in Conformance/known-failures.txt ({newFailures.Length}):\n"
            + string.Join("\n", newFailures.Select(o => o.Describe()))
            + $"\nListed in Conformance/known-failures.txt but passing now: delete their lines ({nowPassing.Length}):\n"
            + string.Join("\n", nowPassing.Select(o => $"{o.Case.Name} (listed as: {known.ReasonFor(o.Case.Name)})")));
    }
}
