using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;
using Microsoft.AspNetCore.Http;

namespace LongLivedTransactions.Local.Console;

/// <summary>
/// The console's list of tasks waiting for a callback: <c>POST /console/callbacks</c> with <c>{"executionArn": "..."}</c>
/// (optional) answers <c>{"tasks": [{taskToken, executionArn, stateName, resource, since, timeoutSeconds?,
/// heartbeatSeconds?}]}</c>, oldest first. AWS has no such call; the page answers the tasks with SendTaskSuccess and
/// SendTaskFailure. It shows task tokens, so like the API it needs an AWS-style Authorization header.
/// </summary>
internal sealed class ConsoleCallbacksEndpoint(TaskCallbacks callbacks)
{
    public const string Path = ConsoleEndpoint.AssetPathPrefix + "callbacks";

    public async Task ListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonObject response;
        try
        {
            JsonObject body = await StepFunctionsEndpoint.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            string? executionArn = new ApiRequest(body, string.Empty).OptionalString("executionArn");
            var tasks = new JsonArray();
            foreach (WaitingTask task in callbacks.Waiting(executionArn))
            {
                tasks.Add(new JsonObject
                {
                    ["taskToken"] = task.TaskToken,
                    ["executionArn"] = task.ExecutionArn,
                    ["stateName"] = task.StateName,
                    ["resource"] = task.Resource,
                    ["since"] = ApiJson.Timestamp(task.Since),
                }.With("timeoutSeconds", task.TimeoutSeconds).With("heartbeatSeconds", task.HeartbeatSeconds));
            }

            response = new JsonObject { ["tasks"] = tasks };
        }
        catch (StepFunctionsException error)
        {
            context.Response.StatusCode = error.StatusCode;
            context.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
            response = new JsonObject { ["__type"] = error.ErrorType, ["message"] = error.Message };
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
