using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Fail states: the error and cause, as strings, paths or JSONata expressions.</summary>
internal sealed partial class DefinitionReader
{
    private FailState ReadFail(StateCommon common, JsonObject state, string location)
    {
        var error = ReadOptionalString(state, "Error", location);
        var cause = ReadOptionalString(state, "Cause", location);
        var errorPath = ReadValueExpression(state, "ErrorPath", location);
        var causePath = ReadValueExpression(state, "CausePath", location);
        if (error is not null && errorPath is not null)
        {
            _diagnostics.Schema("A Fail state must not have both 'Error' and 'ErrorPath'.", location);
        }

        if (cause is not null && causePath is not null)
        {
            _diagnostics.Schema("A Fail state must not have both 'Cause' and 'CausePath'.", location);
        }

        return new FailState(common, error, cause, errorPath, causePath);
    }

    private FailState ReadJsonataFail(StateCommon common, JsonObject state, string location)
    {
        string? error = null;
        string? cause = null;
        JsonataTemplate? errorExpression = null;
        JsonataTemplate? causeExpression = null;
        if (state.TryGetPropertyValue("Error", out var errorNode))
        {
            if (JsonataTemplateCompiler.IsExpression(errorNode, out _))
            {
                errorExpression = JsonataTemplateCompiler.Compile(errorNode, "Error", $"{location}/Error", allowErrorOutput: false, _diagnostics);
            }
            else
            {
                error = ReadOptionalString(state, "Error", location);
            }
        }

        if (state.TryGetPropertyValue("Cause", out var causeNode))
        {
            if (JsonataTemplateCompiler.IsExpression(causeNode, out _))
            {
                causeExpression = JsonataTemplateCompiler.Compile(causeNode, "Cause", $"{location}/Cause", allowErrorOutput: false, _diagnostics);
            }
            else
            {
                cause = ReadOptionalString(state, "Cause", location);
            }
        }

        return new FailState(common, error, cause, null, null, errorExpression, causeExpression);
    }
}
