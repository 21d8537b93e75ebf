using LongLivedTransactions.Local.Cli;

// The local cloud's command line. Ctrl-C cancels whatever runs and stops everything it started.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await LocalCommandLine.InvokeAsync(args, Console.Out, Console.Error, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    return 130;
}
