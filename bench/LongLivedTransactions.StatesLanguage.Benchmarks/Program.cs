using System.Diagnostics;
using LongLivedTransactions.StatesLanguage.Benchmarks;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;

// Timed harness: runs the saga machine again and again, one execution after the other, with the full
// history recorded, and prints state transitions per second and bytes allocated per transition.
// Run in Release, pinned to one core:  taskset -c 0 dotnet run -c Release --project bench/LongLivedTransactions.StatesLanguage.Benchmarks
var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 5;
var definition = StateMachineParser.Parse(SagaMachine.Definition);

Console.WriteLine($"Processors visible: {Environment.ProcessorCount}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}; measuring {seconds} s per scenario");
await MeasureAsync("happy path", new InMemoryInvoker(null));
await MeasureAsync("payment fails (ProcessOrder, ProcessPayment → ProcessRefund → UpdateOrderStatus → Fail)", new InMemoryInvoker("DebitPayment"));

async Task MeasureAsync(string name, InMemoryInvoker invoker)
{
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
    for (var round = 0; round < 5; round++)
    {
        for (var i = 0; i < 10_000; i++)
        {
            await RunOnceAsync();
        }

        await Task.Delay(500);
    }

    var sample = engine.Start(new ExecutionRequest(
        "arn:aws:states:us-east-1:111111111111:stateMachine:OrderSaga", "arn:aws:states:us-east-1:111111111111:execution:OrderSaga:sample",
        "sample", definition, SagaMachine.Input));
    await sample.Completion;
    var history = sample.GetHistory();
    var transitionsPerExecution = history.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var gen0Before = GC.CollectionCount(0);
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    long executions = 0;
    long events = 0;
    while (stopwatch.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < 1000; i++)
        {
            events += await RunOnceAsync();
        }

        executions += 1000;
    }

    stopwatch.Stop();
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    var transitions = executions * transitionsPerExecution;
    Console.WriteLine();
    Console.WriteLine($"Scenario: {name} — final status {sample.Status}, {transitionsPerExecution} transitions and {history.Count} events per execution");
    Console.WriteLine($"  executions:               {executions:N0} in {stopwatch.Elapsed.TotalSeconds:F2} s");
    Console.WriteLine($"  executions per second:    {executions / stopwatch.Elapsed.TotalSeconds:N0}");
    Console.WriteLine($"  transitions per second:   {transitions / stopwatch.Elapsed.TotalSeconds:N0}");
    Console.WriteLine($"  history events per second:{events / stopwatch.Elapsed.TotalSeconds:N0}");
    // On a shared machine the wall clock includes time the core spent on other processes; CPU time does not.
    Console.WriteLine($"  CPU time used:            {cpu.TotalSeconds:F2} s ({cpu.TotalSeconds / stopwatch.Elapsed.TotalSeconds:P0} of the wall time)");
    Console.WriteLine($"  transitions per CPU-second: {transitions / cpu.TotalSeconds:N0}");
    Console.WriteLine($"  bytes per transition:     {allocated / (double)transitions:N0}");
    Console.WriteLine($"  bytes per execution:      {allocated / (double)executions:N0}");
    Console.WriteLine($"  gen0 collections:         {GC.CollectionCount(0) - gen0Before:N0}");
}
