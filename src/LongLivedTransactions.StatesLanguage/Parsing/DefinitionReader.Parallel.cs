using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Parallel states: one graph per branch.</summary>
internal sealed partial class DefinitionReader
{
    private ParallelState? ReadParallel(StateCommon common, JsonObject state, string location)
    {
        var branches = new List<StateGraph>();
        if (state["Branches"] is not JsonArray branchNodes || branchNodes.Count == 0)
        {
            _diagnostics.Schema("The field 'Branches' is required and must be a non-empty array.", $"{location}/Branches");
            return null;
        }

        for (var i = 0; i < branchNodes.Count; i++)
        {
            var branchLocation = $"{location}/Branches/{i}";
            if (branchNodes[i] is not JsonObject branch)
            {
                _diagnostics.Schema("A branch must be an object with 'StartAt' and 'States'.", branchLocation);
                continue;
            }

            var graph = ReadGraph(branch, branchLocation, allowProcessorConfig: false);
            if (graph is not null)
            {
                branches.Add(graph);
            }
        }

        return new ParallelState(common, branches, ReadErrorHandling(state, location));
    }
}
