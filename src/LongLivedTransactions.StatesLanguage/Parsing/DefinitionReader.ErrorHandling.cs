using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Retry and Catch entries of Task, Parallel and Map states.</summary>
internal sealed partial class DefinitionReader
{
    private ErrorHandling ReadErrorHandling(JsonObject state, string location)
    {
        var retriers = new List<Retrier>();
        var catchers = new List<Catcher>();
        if (state.TryGetPropertyValue("Retry", out var retryNode))
        {
            if (retryNode is not JsonArray retryArray)
            {
                _diagnostics.Schema("The field 'Retry' must be an array.", $"{location}/Retry");
            }
            else
            {
                for (var i = 0; i < retryArray.Count; i++)
                {
                    var retrier = ReadRetrier(retryArray[i], $"{location}/Retry/{i}", i == retryArray.Count - 1);
                    if (retrier is not null)
                    {
                        retriers.Add(retrier);
                    }
                }
            }
        }

        if (state.TryGetPropertyValue("Catch", out var catchNode))
        {
            if (catchNode is not JsonArray catchArray)
            {
                _diagnostics.Schema("The field 'Catch' must be an array.", $"{location}/Catch");
            }
            else
            {
                for (var i = 0; i < catchArray.Count; i++)
                {
                    var catcher = ReadCatcher(catchArray[i], $"{location}/Catch/{i}", i == catchArray.Count - 1);
                    if (catcher is not null)
                    {
                        catchers.Add(catcher);
                    }
                }
            }
        }

        return retriers.Count == 0 && catchers.Count == 0 ? ErrorHandling.None : new ErrorHandling(retriers, catchers);
    }

    private List<string>? ReadErrorEquals(JsonObject entry, string location, bool isLast)
    {
        if (entry["ErrorEquals"] is not JsonArray array || array.Count == 0)
        {
            _diagnostics.Schema("The field 'ErrorEquals' is required and must be a non-empty array of strings.", $"{location}/ErrorEquals");
            return null;
        }

        var errors = new List<string>();
        foreach (var item in array)
        {
            if (!JsonFields.TryGetString(item, out var error))
            {
                _diagnostics.Schema("The field 'ErrorEquals' must contain only strings.", $"{location}/ErrorEquals");
                return null;
            }

            errors.Add(error);
        }

        if (errors.Contains(Execution.ErrorNames.All) && (errors.Count > 1 || !isLast))
        {
            _diagnostics.Schema("States.ALL must appear alone in the ErrorEquals array of the last Retry or Catch entry.", $"{location}/ErrorEquals");
        }

        return errors;
    }

    private Retrier? ReadRetrier(JsonNode? node, string location, bool isLast)
    {
        if (node is not JsonObject entry)
        {
            _diagnostics.Schema("A Retry entry must be an object.", location);
            return null;
        }

        FieldSchema.CheckRetrier(entry, location, _diagnostics);

        var errors = ReadErrorEquals(entry, location, isLast);
        double interval = 1;
        var maxAttempts = 3;
        double backoff = 2.0;
        int? maxDelay = null;
        var jitter = JitterStrategy.None;
        if (entry.TryGetPropertyValue("IntervalSeconds", out var intervalNode))
        {
            if (!JsonFields.TryGetInteger(intervalNode, out var value) || value < 1 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'IntervalSeconds' must be an integer between 1 and {MaxTimeoutSeconds}.", $"{location}/IntervalSeconds");
            }

            interval = value;
        }

        if (entry.TryGetPropertyValue("MaxAttempts", out var attemptsNode))
        {
            if (!JsonFields.TryGetInteger(attemptsNode, out var value) || value < 0 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'MaxAttempts' must be an integer between 0 and {MaxTimeoutSeconds}.", $"{location}/MaxAttempts");
            }

            maxAttempts = (int)Math.Clamp(value, 0, MaxTimeoutSeconds);
        }

        if (entry.TryGetPropertyValue("BackoffRate", out var backoffNode))
        {
            if (!JsonFields.TryGetNumber(backoffNode, out backoff) || backoff < 1.0 || backoff > MaxTimeoutSeconds)
            {
                _diagnostics.Schema("The field 'BackoffRate' must be a number greater than or equal to 1.0.", $"{location}/BackoffRate");
            }
        }

        if (entry.TryGetPropertyValue("MaxDelaySeconds", out var delayNode))
        {
            if (!JsonFields.TryGetInteger(delayNode, out var value) || value < 1 || value > 31_622_400)
            {
                _diagnostics.Schema("The field 'MaxDelaySeconds' must be an integer between 1 and 31622400.", $"{location}/MaxDelaySeconds");
            }
            else
            {
                maxDelay = (int)value;
            }
        }

        if (entry.TryGetPropertyValue("JitterStrategy", out var jitterNode))
        {
            if (!JsonFields.TryGetString(jitterNode, out var text) || text is not ("FULL" or "NONE"))
            {
                _diagnostics.Schema("The field 'JitterStrategy' must be \"FULL\" or \"NONE\".", $"{location}/JitterStrategy");
            }
            else
            {
                jitter = text == "FULL" ? JitterStrategy.Full : JitterStrategy.None;
            }
        }

        return errors is null ? null : new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter);
    }

    private Catcher? ReadCatcher(JsonNode? node, string location, bool isLast)
    {
        if (node is not JsonObject entry)
        {
            _diagnostics.Schema("A Catch entry must be an object.", location);
            return null;
        }

        FieldSchema.CheckCatcher(entry, _jsonata, location, _diagnostics);

        var errors = ReadErrorEquals(entry, location, isLast);
        if (!JsonFields.TryGetString(entry["Next"], out var next))
        {
            _diagnostics.Schema("The field 'Next' is required in a Catch entry and must be a string.", $"{location}/Next");
        }

        if (_jsonata)
        {
            return ReadJsonataCatcher(entry, errors, next, location);
        }

        var assign = entry.TryGetPropertyValue("Assign", out var assignNode) ? CompileAssign(assignNode, $"{location}/Assign") : null;
        var resultPath = ReadResultPath(entry, location);
        return errors is null ? null : new Catcher(errors, next, resultPath, assign);
    }

    private Catcher? ReadJsonataCatcher(JsonObject entry, IReadOnlyList<string>? errors, string next, string location)
    {
        var output = entry.TryGetPropertyValue("Output", out var outputNode)
            ? JsonataTemplateCompiler.Compile(outputNode, "Output", $"{location}/Output", allowErrorOutput: true, _diagnostics)
            : null;
        var assign = entry.TryGetPropertyValue("Assign", out var assignNode)
            ? ReadJsonataAssign(assignNode, "Assign", $"{location}/Assign", allowErrorOutput: true)
            : null;
        return errors is null ? null : new Catcher(errors, next, ResultPath.Root, null, output, assign);
    }
}
