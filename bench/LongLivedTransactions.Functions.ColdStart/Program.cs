using System.Diagnostics;
using System.Globalization;
using System.Text;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.DynamoDb;
using LongLivedTransactions.Payments;

// Usage: dotnet run -c Release --project bench/LongLivedTransactions.Functions.ColdStart [-- RUNS]
//
// The parent starts dynalite and the tables, then starts RUNS fresh child processes of this program. Each child
// does what the Lambda runtime does on a cold start of DebitPayment: the parameterless constructor (TABLE_NAME and
// the DynamoDB endpoint come from the environment) and one Stream invocation; then a second, warm invocation.
const string ChildFlag = "--child";

if (args.Length > 0 && args[0] == ChildFlag)
{
    return await ChildAsync();
}

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
await using DynaliteServer dynalite = await DynaliteServer.StartAsync(RepositoryRoot.Find());
using var dynamoDb = LocalDynamoDbClient.Create(dynalite.ServiceUrl);
IReadOnlyDictionary<string, string> tables = await new TableProvisioner(dynamoDb).CreateAllAsync("bench-", CancellationToken.None);

var cold = new List<double>();
var warm = new List<double>();
for (int run = 0; run < runs; run++)
{
    var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
    startInfo.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location);
    startInfo.ArgumentList.Add(ChildFlag);
    startInfo.Environment[SagaTopology.TableNameVariable] = tables[SagaTopology.Payments.LogicalName];
    startInfo.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.ServiceUrl.ToString();
    startInfo.Environment["AWS_REGION"] = LocalArns.DefaultRegion;
    startInfo.Environment["AWS_ACCESS_KEY_ID"] = "local";
    startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = "local";

    using Process child = Process.Start(startInfo)!;
    string output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    if (child.ExitCode != 0)
    {
        Console.Error.WriteLine($"child run {run} failed: {output}");
        return 1;
    }

    // The function logs JSON lines to standard output; the child's figures are the last line.
    string[] figures = output.Trim().Split('\n')[^1].Split(' ');
    cold.Add(double.Parse(figures[0], CultureInfo.InvariantCulture));
    warm.Add(double.Parse(figures[1], CultureInfo.InvariantCulture));
}

Console.WriteLine($"DebitPayment against dynalite, {runs} fresh processes ({(Debugger.IsAttached ? "debugger" : "no debugger")}, {RuntimeConfiguration()})");
Console.WriteLine($"  first invocation (constructor + first call): {Summary(cold)}");
Console.WriteLine($"  second invocation (warm):                     {Summary(warm)}");
return 0;

static async Task<int> ChildAsync()
{
    string order = $$"""
        {"order_id":"{{Guid.NewGuid()}}","order_date":"2026-11-26T10:00:00+01:00","customer_id":"{{Guid.NewGuid()}}",
         "items":[{"item_id":"item-1","qty":2,"description":"Socks","unit_price":4.25}]}
        """;
    var clock = Stopwatch.StartNew();
    var function = new DebitPaymentFunction();
    await using (Stream result = await function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(order))))
    {
    }

    double coldMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    await using (Stream result = await function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(order))))
    {
    }

    double warmMs = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{coldMs:F1} {warmMs:F1}"));
    return 0;
}

static string Summary(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return string.Create(CultureInfo.InvariantCulture, $"min {sorted[0]:F1} ms, median {sorted[sorted.Length / 2]:F1} ms, max {sorted[^1]:F1} ms");
}

static string RuntimeConfiguration() =>
#if DEBUG
    "Debug build";
#else
    "Release build";
#endif
