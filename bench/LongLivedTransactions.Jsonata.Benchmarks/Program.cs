using System.Diagnostics;
using System.Globalization;
using LongLivedTransactions.Jsonata;
using LongLivedTransactions.Jsonata.Benchmarks;
using LongLivedTransactions.Jsonata.Values;

// Timed harness: expressions typical of Step Functions, each compiled once and evaluated again and again, by our
// evaluator and, in the same run, by jsonata-js 2.0.6 on node over the same inputs and bindings. Prints ns per
// evaluation (median of 5 rounds, by wall clock and by CPU time, which other processes on a shared machine
// disturb less), bytes allocated per evaluation (ours) and the speed-up by CPU time.
// Run in Release, after `npm ci` at the repository root:
//   dotnet run -c Release --project bench/LongLivedTransactions.Jsonata.Benchmarks [-- SECONDS_PER_EXPRESSION]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2;
var root = RepositoryRoot.Find();
var cases = BenchmarkCases.Create(root);

Console.WriteLine($"Processors visible: {Environment.ProcessorCount}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}; {seconds} s per expression and side, 5 rounds");
var ours = cases.Select(c => MeasureOurs(c, seconds)).ToArray();
var theirs = await NodePeer.MeasureAsync(root, cases, seconds);

Console.WriteLine();
Console.WriteLine("| expression | ours ns/eval (CPU) | ours ns/eval (wall) | ours B/eval | jsonata-js ns/eval (CPU) | jsonata-js ns/eval (wall) | speed-up (CPU) | same answer |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
for (var i = 0; i < cases.Count; i++)
{
    var mine = ours[i];
    var reference = theirs.FirstOrDefault(t => t.Name == cases[i].Name);
    var speedUp = mine.CpuNsPerEval is { } ns && reference is not null ? $"{reference.CpuNsPerEval / ns:0.0}×" : "n/a";
    var same = mine.Answer is null || reference is null ? "n/a" : mine.Answer == reference.Result ? "yes" : $"no: ours {mine.Answer}, jsonata-js {reference.Result}";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| `{cases[i].Expression}` | {Format(mine.CpuNsPerEval)} | {Format(mine.NsPerEval)} | {(mine.BytesPerEval is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : mine.Failure)} | {Format(reference?.CpuNsPerEval)} | {Format(reference?.NsPerEval)} | {speedUp} | {same} |"));
}

Console.WriteLine();
Console.WriteLine("Targets: at least 5× jsonata-js's throughput on every expression, under 1 µs (1,000 ns) for a simple path.");
return 0;

static string Format(double? ns) => ns is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) : "n/a";

static OurMeasurement MeasureOurs(BenchmarkCase benchmarkCase, double seconds)
{
    JsonataExpression expression;
    string? answer;
    try
    {
        expression = JsonataExpression.Compile(benchmarkCase.Expression);
        var result = expression.Evaluate(benchmarkCase.Input, benchmarkCase.Bindings);
        answer = result is null ? null : JsonataValue.ToJsonNode(result)?.ToJsonString() ?? "null";
    }
    catch (Exception error) when (error is JsonataException or NotImplementedException)
    {
        Console.WriteLine($"{benchmarkCase.Name}: ours failed ({error.GetType().Name}: {error.Message}); not measured");
        return new OurMeasurement(null, null, null, null, error is NotImplementedException ? "not implemented" : error.GetType().Name);
    }

    // Warm-up, with pauses so that tiered compilation can finish on a busy machine.
    var warmUntil = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * Math.Min(1.0, seconds / 4));
    while (Stopwatch.GetTimestamp() < warmUntil)
    {
        for (var i = 0; i < 1000; i++)
        {
            expression.Evaluate(benchmarkCase.Input, benchmarkCase.Bindings);
        }
    }

    Thread.Sleep(200);
    var rounds = new List<double>();
    var cpuRounds = new List<double>();
    var bytes = new List<double>();
    using var process = Process.GetCurrentProcess();
    var roundTicks = (long)(Stopwatch.Frequency * seconds / 5);
    for (var round = 0; round < 5; round++)
    {
        long count = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var until = started + roundTicks;
        while (Stopwatch.GetTimestamp() < until)
        {
            for (var i = 0; i < 100; i++)
            {
                expression.Evaluate(benchmarkCase.Input, benchmarkCase.Bindings);
            }

            count += 100;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        rounds.Add(elapsed.TotalNanoseconds / count);
        cpuRounds.Add((process.TotalProcessorTime - cpuBefore).TotalNanoseconds / count);
        bytes.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count);
    }

    rounds.Sort();
    cpuRounds.Sort();
    return new OurMeasurement(rounds[2], cpuRounds[2], bytes.Average(), answer, null);
}

internal sealed record OurMeasurement(double? NsPerEval, double? CpuNsPerEval, double? BytesPerEval, string? Answer, string? Failure);
