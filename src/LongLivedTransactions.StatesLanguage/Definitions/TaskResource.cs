namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// A Task Resource ARN as the history reports it. A Lambda function ARN
/// (<c>arn:aws:lambda:REGION:ACCOUNT:function:NAME</c>) gives LambdaFunction… events; a service
/// integration (<c>arn:aws:states:::lambda:invoke</c>) gives Task… events with resourceType
/// "lambda" and resource "invoke".
/// </summary>
public sealed record TaskResource(bool IsLambdaFunction, string ResourceType, string ResourceName)
{
    private const string ServicePrefix = ":states:::";

    public static TaskResource Parse(string resource)
    {
        var parts = resource.Split(':');
        if (parts.Length is 7 or 8 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
        {
            return new TaskResource(true, "lambda", resource);
        }

        var service = resource.IndexOf(ServicePrefix, StringComparison.Ordinal);
        if (service >= 0)
        {
            var integration = resource[(service + ServicePrefix.Length)..];
            var lastColon = integration.LastIndexOf(':');
            if (lastColon > 0)
            {
                return new TaskResource(false, integration[..lastColon], integration[(lastColon + 1)..]);
            }
        }

        return new TaskResource(false, parts.Length > 2 ? parts[2] : resource, resource);
    }
}
