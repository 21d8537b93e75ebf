using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>Runs a python3 script that uses boto3, as a developer's script would, and reads the JSON it prints.</summary>
internal static class Boto3Script
{
    public static async Task<JsonObject> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process python = Process.Start(start)!;
        Task<string> output = python.StandardOutput.ReadToEndAsync();
        Task<string> errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(python.ExitCode == 0, $"boto3 failed (install it with 'apt-get install -y python3-boto3'): {await errors}");
        return JsonNode.Parse(await output)!.AsObject();
    }
}
