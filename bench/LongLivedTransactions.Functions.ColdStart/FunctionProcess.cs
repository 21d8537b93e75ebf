using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.Loader;
using System.Text;

namespace LongLivedTransactions.Functions.ColdStart;

/// <summary>
/// One fresh process, started by <see cref="ColdStartRun"/> under the package's own runtimeconfig.json, as Lambda starts
/// it. It touches nothing of the function before the clock starts: the handler assembly and its dependencies are loaded
/// from the package, apart from this program's own copies, as the Lambda runtime loads user code.
/// </summary>
internal static class FunctionProcess
{
    public const string Flag = "--function-process";

    /// <summary>Arguments: the handler assembly's path in the package, the handler type, the handler method.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string assemblyPath = args[0];
        string typeName = args[1];
        string methodName = args[2];
        // Not the failure prefix of any forward step: the first character of a fresh UUID is replaced by '4'.
        string orderId = "4" + Guid.NewGuid().ToString()[1..];
        byte[] order = Encoding.UTF8.GetBytes($$"""
            {"order_id":"{{orderId}}","order_date":"2026-11-26T10:00:00+01:00","customer_id":"{{Guid.NewGuid()}}",
             "items":[{"item_id":"item-1","qty":2,"description":"Socks","unit_price":4.25}]}
            """);

        long methodsBefore = JitInfo.GetCompiledMethodCount();
        TimeSpan jitBefore = JitInfo.GetCompilationTime();
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var context = new PackageLoadContext(assemblyPath);
        Type type = context.LoadFromAssemblyPath(assemblyPath).GetType(typeName, throwOnError: true)!;
        object function = Activator.CreateInstance(type)!;
        var handler = type.GetMethod(methodName, [typeof(Stream)])!.CreateDelegate<Func<Stream, Task<Stream>>>(function);
        double constructorMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        await using (await handler(new MemoryStream(order)))
        {
        }

        double firstCallMs = clock.Elapsed.TotalMilliseconds;
        long methodsCompiled = JitInfo.GetCompiledMethodCount() - methodsBefore;
        double jitMs = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        // CPU time of every thread of the process: on a busy machine it moves less than the elapsed time does.
        double cpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;

        clock.Restart();
        await using (await handler(new MemoryStream(order)))
        {
        }

        double warmMs = clock.Elapsed.TotalMilliseconds;
        // The function logs JSON lines to standard output; the figures are the last line.
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{constructorMs:F1} {firstCallMs:F1} {warmMs:F1} {methodsCompiled} {jitMs:F1} {cpuMs:F1}"));
        return 0;
    }

    /// <summary>Resolves the handler assembly's dependencies from the package's deps.json, as the Lambda runtime does.</summary>
    private sealed class PackageLoadContext(string assemblyPath) : AssemblyLoadContext("function package")
    {
        private readonly AssemblyDependencyResolver resolver = new(assemblyPath);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
