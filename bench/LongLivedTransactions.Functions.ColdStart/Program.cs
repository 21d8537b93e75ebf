using System.Globalization;
using LongLivedTransactions.Functions.ColdStart;

// Usage: dotnet run -c Release --project bench/LongLivedTransactions.Functions.ColdStart [-- RUNS]
//
// Publishes the Payments service for this machine twice, as a plain JIT build and as the ReadyToRun build the CDK app
// deploys, starts dynalite and the tables, then starts RUNS fresh processes of each package, alternating. Each process
// does what the Lambda .NET runtime does on a cold start of DebitPayment: it loads the handler assembly from the
// package, runs the parameterless constructor and makes one Stream invocation; then a second, warm one.
if (args.Length > 0 && args[0] == FunctionProcess.Flag)
{
    return await FunctionProcess.RunAsync(args[1..]);
}

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
return await ColdStartRun.RunAsync(runs);
