using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Reporting;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance;

/// <summary>
/// One test per in-scope recorded AWS execution (../shared/conformance/asl/cases.jsonl). A case listed in
/// Conformance/known-failures.txt must still fail; every other case must match AWS.
/// </summary>
public sealed class ConformanceCaseTests
{
    private static readonly Lazy<KnownFailures> Known = new(() => KnownFailures.Load(RepositoryPaths.KnownFailuresFile));

    public static TheoryData<CaseKey> InScopeCases()
    {
        var ids = new TheoryData<CaseKey>();
        foreach (var conformanceCase in ConformanceCorpus.All.Where(CaseScope.IsInScope))
        {
            ids.Add(new CaseKey(conformanceCase.Id));
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(InScopeCases))]
    public async Task Case_matches_the_recorded_AWS_execution(CaseKey recordedCase)
    {
        ArgumentNullException.ThrowIfNull(recordedCase);
        var caseId = recordedCase.Id;
        var outcome = await CaseRunner.RunAsync(ConformanceCorpus.Get(caseId), CancellationToken.None);

        if (Known.Value.Contains(caseId))
        {
            Assert.False(outcome.Passed,
                $"This case now matches AWS: delete its line from Conformance/known-failures.txt "
                + $"(listed as: {Known.Value.ReasonFor(caseId)}).\n{outcome.Describe()}");
        }
        else
        {
            Assert.True(outcome.Passed, outcome.Describe());
        }
    }

    [Fact]
    public void Known_failures_name_only_in_scope_cases()
    {
        var inScope = ConformanceCorpus.All.Where(CaseScope.IsInScope).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var strangers = Known.Value.CaseIds.Where(id => !inScope.Contains(id)).ToArray();

        Assert.True(strangers.Length == 0,
            $"known-failures.txt lists cases that are not in scope or not in the corpus:\n{string.Join("\n", strangers)}");
    }
}
