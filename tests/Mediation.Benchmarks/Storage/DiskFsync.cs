using System.Diagnostics;
using System.Globalization;
using Mediation.Benchmarks.Infrastructure;
using Microsoft.Win32.SafeHandles;

namespace Mediation.Benchmarks.Storage;

/// <summary>
/// disk-fsync: the floor under everything. Appends 4 KiB and flushes it to the device, in a loop, beside where the
/// database would be: the durable writes per second this disk allows one writer, whatever the database does.
/// </summary>
internal static class DiskFsync
{
    public const string Name = "disk-fsync";

    public static Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var folder = options.File is null ? Path.GetTempPath() : Path.GetDirectoryName(Path.GetFullPath(options.File))!;
        var file = Path.Combine(folder, $"mediation-fsync-{Guid.NewGuid():N}.bin");
        try
        {
            using var handle = File.OpenHandle(file, FileMode.CreateNew, FileAccess.ReadWrite);
            var block = new byte[4096];
            Random.Shared.NextBytes(block);
            Loop(handle, block, 0, Math.Min(200, options.Commits), ct);   // warm-up
            var clock = Stopwatch.StartNew();
            var latencies = Loop(handle, block, 200L * 4096, options.Commits, ct);
            clock.Stop();
            var perSecond = options.Commits / clock.Elapsed.TotalSeconds;
            var details = string.Create(CultureInfo.InvariantCulture,
                $"4 KiB append + fsync, {options.Commits} times, in {folder}, p50 {latencies.PercentileMs(50):0.000} ms, " +
                $"p99 {latencies.PercentileMs(99):0.000} ms, max {latencies.MaxMs:0.0} ms");
            return Task.FromResult(new BenchmarkResult(Name, perSecond, "fsyncs/s", details));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Latencies Loop(SafeFileHandle handle, byte[] block, long offset, int count, CancellationToken ct)
    {
        var latencies = new Latencies(count);
        for (var i = 0; i < count && !ct.IsCancellationRequested; i++)
        {
            var started = Stopwatch.GetTimestamp();
            RandomAccess.Write(handle, block, offset + i * 4096L);
            RandomAccess.FlushToDisk(handle);
            latencies.Record(started);
        }
        return Latencies.Merge([latencies]);
    }
}
