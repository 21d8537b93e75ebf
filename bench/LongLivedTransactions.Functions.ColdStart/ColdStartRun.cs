using System.Diagnostics;
using System.Globalization;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.DynamoDb;

namespace LongLivedTransactions.Functions.ColdStart;

/// <summary>Publishes the packages, starts dynalite, runs the fresh processes and prints their medians.</summary>
internal static class ColdStartRun
{
    private static readonly FunctionDefinition Function = SagaTopology.Functions.Single(function => function.Name == "DebitPayment");

    public static async Task<int> RunAsync(int runs)
    {
        string root = RepositoryRoot.Find();
        FunctionPackage[] packages =
        [
            await FunctionPackage.PublishAsync(root, Function.Project, readyToRun: false, "JIT only", CancellationToken.None),
            await FunctionPackage.PublishAsync(root, Function.Project, readyToRun: true, "ReadyToRun, as deployed", CancellationToken.None),
        ];

        await using DynaliteServer dynalite = await DynaliteServer.StartAsync(root);
        using var dynamoDb = LocalDynamoDbClient.Create(dynalite.ServiceUrl);
        IReadOnlyDictionary<string, string> tables = await new TableProvisioner(dynamoDb).CreateAllAsync("bench-", CancellationToken.None);

        Dictionary<FunctionPackage, List<ProcessFigures>> figures = packages.ToDictionary(package => package, _ => new List<ProcessFigures>());
        for (int run = 0; run < runs; run++)
        {
            // Alternating, so that a change in the machine's load touches every package alike.
            foreach (FunctionPackage package in packages)
            {
                figures[package].Add(await RunProcessAsync(package, tables[Function.Table.LogicalName], dynalite.ServiceUrl));
            }
        }

        Console.WriteLine($"{Function.Name} against dynalite, {runs} fresh processes per package (medians; min–max in brackets)");
        foreach (FunctionPackage package in packages)
        {
            List<ProcessFigures> results = figures[package];
            Console.WriteLine($"  {package.Label}:");
            Console.WriteLine($"    first invocation (constructor + first call): {Summary(results, result => result.ConstructorMs + result.FirstCallMs)}");
            Console.WriteLine($"      constructor (Lambda's init):              {Summary(results, result => result.ConstructorMs)}");
            Console.WriteLine($"      first call:                               {Summary(results, result => result.FirstCallMs)}");
            Console.WriteLine($"      CPU time of the process during both:      {Summary(results, result => result.CpuMs)}");
            Console.WriteLine($"      JIT during both: {Median(results, result => result.MethodsCompiled):F0} methods, {Median(results, result => result.JitMs):F1} ms");
            Console.WriteLine($"    second invocation (warm):                   {Summary(results, result => result.WarmMs)}");
        }

        return 0;
    }

    private static async Task<ProcessFigures> RunProcessAsync(FunctionPackage package, string tableName, Uri dynamoDbUrl)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in (string[])
            [
                "exec", "--runtimeconfig", package.RuntimeConfig,
                typeof(ColdStartRun).Assembly.Location, FunctionProcess.Flag,
                package.AssemblyPath, Function.HandlerType, FunctionDefinition.HandlerMethod,
            ])
        {
            startInfo.ArgumentList.Add(argument);
        }

        // What Lambda gives the function, with the DynamoDB endpoint pointed at dynalite.
        startInfo.Environment[SagaTopology.TableNameVariable] = tableName;
        startInfo.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDbUrl.ToString();
        startInfo.Environment["AWS_REGION"] = LocalArns.DefaultRegion;
        startInfo.Environment["AWS_ACCESS_KEY_ID"] = "local";
        startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = "local";

        using Process child = Process.Start(startInfo)!;
        string output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"A process of the package '{package.Label}' failed: {output}");
        }

        string[] values = output.Trim().Split('\n')[^1].Split(' ');
        double Value(int index) => double.Parse(values[index], CultureInfo.InvariantCulture);
        return new ProcessFigures(Value(0), Value(1), Value(2), Value(3), Value(4), Value(5));
    }

    private static double Median(List<ProcessFigures> results, Func<ProcessFigures, double> value)
    {
        double[] sorted = [.. results.Select(value).Order()];
        return sorted[sorted.Length / 2];
    }

    private static string Summary(List<ProcessFigures> results, Func<ProcessFigures, double> value) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Median(results, value),7:F1} ms [{results.Min(value):F1}–{results.Max(value):F1}]");

    private sealed record ProcessFigures(double ConstructorMs, double FirstCallMs, double WarmMs, double MethodsCompiled, double JitMs, double CpuMs);
}
