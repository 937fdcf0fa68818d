using System.Globalization;
using Mediation.Benchmarks.Engine;
using Mediation.Benchmarks.Infrastructure;
using Mediation.Benchmarks.Storage;
using Mediation.Benchmarks.Timers;

// dotnet run -c Release --project tests/Mediation.Benchmarks -- <name> [options]
// Progress goes to stderr; the result is the last line on stdout: `name: value unit (details)`.
// Figures print with a decimal point whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    (args.Length == 0 ? Console.Error : Console.Out).WriteLine(Usage.Text);
    return args.Length == 0 ? 2 : 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage.Text);
    return 2;
}

Func<BenchmarkOptions, CancellationToken, Task<BenchmarkResult>>? benchmark = options.Name switch
{
    "engine-throughput" => EngineThroughput.RunAsync,
    "engine-memory" => EngineMemory.RunAsync,
    "sqlite-commits" => SqliteCommits.RunAsync,
    "disk-fsync" => DiskFsync.RunAsync,
    "timer-lateness" => TimerLateness.RunAsync,
    _ => null,
};
if (benchmark is null)
{
    Console.Error.WriteLine($"Unknown benchmark '{options.Name}'.");
    Console.Error.WriteLine(Usage.Text);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    var result = await benchmark(options, cancel.Token);
    Console.WriteLine(result.ToString());
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (BenchmarkFailedException e)
{
    Console.Error.WriteLine($"{options.Name} failed: {e.Message}");
    return 1;
}
