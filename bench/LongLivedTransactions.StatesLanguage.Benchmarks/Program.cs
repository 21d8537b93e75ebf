using System.Diagnostics;
using LongLivedTransactions.StatesLanguage.Benchmarks;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;

// Timed harness: runs the saga machine again and again, one execution after the other, with the full
// history recorded, and prints state transitions per second and bytes allocated per transition.
// Run in Release, pinned to one core:  taskset -c 0 dotnet run -c Release --project bench/LongLivedTransactions.StatesLanguage.Benchmarks [-- SECONDS [jsonpath|jsonata]]
var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 10;
var flavour = args.Length > 1 ? args[1] : "jsonpath";
var definition = StateMachineParser.Parse(SagaMachine.Definition(flavour));

Console.WriteLine($"Processors visible: {Environment.ProcessorCount}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}; measuring {seconds} s per scenario in 5 rounds");
Console.WriteLine($"Definition: {SagaMachine.FileName(flavour)}");
await MeasureAsync("happy path", null, null);
await MeasureAsync("payment fails (ProcessOrder, ProcessPayment → ProcessRefund → UpdateOrderStatus → OrderFailed)", "DebitPayment", "ErrProcessPayment");

async Task MeasureAsync(string name, string? failingFunction, string? failingError)
{
    var invoker = new InMemoryInvoker(failingFunction, failingError);
    var engine = new ExecutionEngine([invoker], TimeProvider.System);
    var counter = 0;

    async Task<int> RunOnceAsync()
    {
        var id = counter++;
        var execution = engine.Start(new ExecutionRequest(
            "arn:aws:states:us-east-1:111111111111:stateMachine:OrderSaga",
            $"arn:aws:states:us-east-1:111111111111:execution:OrderSaga:run-{id}",
            $"run-{id}",
            definition,
            SagaMachine.Input));
        await execution.Completion;
        return execution.GetHistory().Count;
    }

    // Warm-up. Tiered JIT compiles the optimised code on a background thread; on one busy core that
    // thread needs idle time, so the warm-up pauses between rounds until the code has settled.
    for (var round = 0; round < 10; round++)
    {
        for (var i = 0; i < 10_000; i++)
        {
            await RunOnceAsync();
        }

        await Task.Delay(1000);
    }

    var sample = engine.Start(new ExecutionRequest(
        "arn:aws:states:us-east-1:111111111111:stateMachine:OrderSaga", "arn:aws:states:us-east-1:111111111111:execution:OrderSaga:sample",
        "sample", definition, SagaMachine.Input));
    await sample.Completion;
    var history = sample.GetHistory();
    var transitionsPerExecution = history.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));

    // On a shared machine other processes take the core now and then: measure in rounds and report
    // the median and the best round (the one least disturbed), by wall clock and by CPU time.
    var rounds = new List<(double WallRate, double CpuRate, double BytesPerTransition)>();
    var process = Process.GetCurrentProcess();
    var roundSeconds = seconds / 5;
    for (var round = 0; round < 5; round++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        long executions = 0;
        while (stopwatch.Elapsed.TotalSeconds < roundSeconds)
        {
            for (var i = 0; i < 500; i++)
            {
                await RunOnceAsync();
            }

            executions += 500;
        }

        stopwatch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var transitions = (double)executions * transitionsPerExecution;
        rounds.Add((transitions / stopwatch.Elapsed.TotalSeconds, transitions / cpu.TotalSeconds, allocated / transitions));
    }

    var byWall = rounds.Select(r => r.WallRate).Order().ToArray();
    var byCpu = rounds.Select(r => r.CpuRate).Order().ToArray();
    Console.WriteLine();
    Console.WriteLine($"Scenario: {name} — final status {sample.Status}, {transitionsPerExecution} transitions and {history.Count} events per execution");
    Console.WriteLine($"  transitions per second (wall):  median {byWall[2]:N0}, best {byWall[^1]:N0}, rounds {string.Join(" ", byWall.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
    Console.WriteLine($"  transitions per CPU-second:     median {byCpu[2]:N0}, best {byCpu[^1]:N0}");
    Console.WriteLine($"  bytes allocated per transition: {rounds.Average(r => r.BytesPerTransition):N0}");

    // The peer, in the same run, on the same definition and input; it counts the same states as transitions.
    if (flavour == "jsonata")
    {
        Console.WriteLine("  aws-local-stepfunctions: does not run JSONata definitions; no peer figure.");
        return;
    }

    var peer = await PeerEngine.MeasureAsync(SagaMachine.Definition(flavour), SagaMachine.Input, failingFunction, failingError, seconds);
    if (peer is not null)
    {
        var peerWall = peer.ExecutionsPerSecond * transitionsPerExecution;
        var peerCpu = peer.ExecutionsPerCpuSecond * transitionsPerExecution;
        Console.WriteLine($"  aws-local-stepfunctions 3.0.0 (node {PeerEngine.NodeVersion()}), final status {peer.Status}:");
        Console.WriteLine($"    transitions per second (wall): median {peerWall:N0} — ours is {byWall[2] / peerWall:N1}x");
        Console.WriteLine($"    transitions per CPU-second:    median {peerCpu:N0} — ours is {byCpu[2] / peerCpu:N1}x");
    }
}
