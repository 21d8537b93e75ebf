using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LongLivedTransactions.Local.Console;

/// <summary>
/// The web console: static pages embedded in this assembly (no CDN, nothing to download at run time), plus the
/// scenario files of <c>events/</c> for the "start execution" form. The pages call the Step Functions API itself.
/// </summary>
public sealed class ConsoleEndpoint(string repositoryRoot, string sagaStateMachineArn)
{
    public const string AssetPathPrefix = "/console/";
    private const string ResourcePrefix = "console/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static Task PageAsync(HttpContext context) => AssetAsync(context, "index.html");

    /// <summary>Serves one embedded file; anything else is 404.</summary>
    public static async Task AssetAsync(HttpContext context, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        Assembly assembly = typeof(ConsoleEndpoint).Assembly;
        await using Stream? resource = ContentTypes.TryGetValue(Path.GetExtension(file), out string? contentType)
            ? assembly.GetManifestResourceStream(ResourcePrefix + file)
            : null;
        if (resource is null || contentType is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        await resource.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The scenario files (<c>events/*.json</c>) with their contents and, when known, what each one shows.</summary>
    public async Task ScenariosAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string events = Path.Combine(repositoryRoot, "events");
        Dictionary<string, string> descriptions = await ReadDescriptionsAsync(events, context.RequestAborted).ConfigureAwait(false);
        var scenarios = new JsonArray();
        if (Directory.Exists(events))
        {
            foreach (string file in Directory.GetFiles(events, "*.json").Order(StringComparer.Ordinal))
            {
                string relative = $"events/{Path.GetFileName(file)}";
                scenarios.Add(new JsonObject
                {
                    ["file"] = relative,
                    ["name"] = Path.GetFileNameWithoutExtension(file),
                    ["description"] = descriptions.GetValueOrDefault(relative),
                    ["input"] = await File.ReadAllTextAsync(file, context.RequestAborted).ConfigureAwait(false),
                });
            }
        }

        var body = new JsonObject { ["sagaStateMachineArn"] = sagaStateMachineArn, ["scenarios"] = scenarios };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads <c>events/expected/scenarios.json</c> (file → description); a missing or odd file means no descriptions.</summary>
    private static async Task<Dictionary<string, string>> ReadDescriptionsAsync(string events, CancellationToken cancellationToken)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        string expected = Path.Combine(events, "expected", "scenarios.json");
        if (!File.Exists(expected))
        {
            return descriptions;
        }

        try
        {
            JsonNode? root = JsonNode.Parse(await File.ReadAllTextAsync(expected, cancellationToken).ConfigureAwait(false));
            foreach (JsonObject scenario in (root?["scenarios"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (scenario["file"]?.GetValue<string>() is { } file && scenario["description"]?.GetValue<string>() is { } description)
                {
                    descriptions[file] = description;
                }
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Descriptions are a convenience; the scenarios are listed without them.
        }

        return descriptions;
    }
}
