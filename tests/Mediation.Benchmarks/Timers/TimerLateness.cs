using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Mediation.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Mediation.Benchmarks.Timers;

/// <summary>
/// timer-lateness: N timers (10,000) falling due evenly within one minute, fired by the Host's Hangfire exactly as in
/// production: the Host runs as its own process on a SQLite file, the instances are started through its API (so each
/// timer's job is scheduled after the commit that wrote it), and lateness is the timer row's FiredAt minus its DueAt.
/// A timer not fired two minutes after the window is lost, and fails the benchmark.
/// </summary>
internal static class TimerLateness
{
    public const string Name = "timer-lateness";
    private const string Key = "TimerLateness";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        if (!options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("timer-lateness runs on SQLite only (the Host's default); --provider is not taken.");
        var timers = options.Instances ?? 10_000;
        var directory = Directory.CreateTempSubdirectory("mediation-lateness-").FullName;
        var database = Path.Combine(directory, "mediation.db");
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Mediation"] = $"Data Source={database}" };
        if (options.PollInterval is { } poll) settings["Mediation:Hangfire:PollInterval"] = poll.ToString("c", CultureInfo.InvariantCulture);
        var pollText = options.PollInterval is { } p ? $"{p.TotalMilliseconds:0} ms" : "1000 ms (the default)";
        try
        {
            await using var host = await HostUnderTest.StartAsync(directory, settings, ct);
            var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.LoginAsync(ct)));
            await DeployAsync(clients[0], ct);

            // The window opens once the starts are surely done: 10,000 starts take 15 to 40 s on the 2-core machine.
            var opens = DateTimeOffset.UtcNow.AddSeconds(Math.Max(20, timers / 200.0));
            var clock = Stopwatch.StartNew();
            await StartAsync(clients, timers, opens, ct);
            var started = clock.Elapsed;
            Console.Error.WriteLine($"started {timers} instances in {started.TotalSeconds:0.0} s ({timers / started.TotalSeconds:0}/s); " +
                $"window {opens:HH:mm:ss}..{opens + Window:HH:mm:ss} UTC; Hangfire poll {pollText}");
            if (DateTimeOffset.UtcNow > opens) throw new BenchmarkFailedException("the starts ran into the window: use fewer --instances");

            var giveUp = opens + Window + TimeSpan.FromMinutes(2);
            long fired;
            while ((fired = await CountAsync(database, "SELECT COUNT(*) FROM Timers WHERE Status = 'Fired'", ct)) < timers
                   && DateTimeOffset.UtcNow < giveUp)
            {
                await Task.Delay(1000, ct);
            }
            var lateness = await LatenessAsync(database, ct);
            var lost = timers - lateness.Count;
            Console.Error.WriteLine($"fired {lateness.Count} of {timers}; lateness p50 {Ms(lateness, 50)}, p90 {Ms(lateness, 90)}, " +
                $"p99 {Ms(lateness, 99)}, p99.9 {Ms(lateness, 99.9)}, max {lateness[^1]:0} ms, min {lateness[0]:0} ms; {Machine.LoadAverage()}");
            if (lost > 0) throw new BenchmarkFailedException($"{lost} of {timers} timers had not fired two minutes after the window closed");
            return new BenchmarkResult(Name, Percentile(lateness, 99), "ms p99",
                $"sqlite file, Hangfire in memory, poll {pollText}, {timers} timers due within {Window.TotalSeconds:0} s, " +
                $"p50 {Ms(lateness, 50)}, max {lateness[^1]:0} ms, none lost, started through the API at {timers / started.TotalSeconds:0}/s");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task DeployAsync(HttpClient client, CancellationToken ct)
    {
        await using var stream = typeof(TimerLateness).Assembly.GetManifestResourceStream("timer-lateness.bpmn")
            ?? throw new InvalidOperationException("Embedded resource timer-lateness.bpmn is missing.");
        using var reader = new StreamReader(stream);
        using var response = await client.PostAsync("api/definitions", new StringContent(await reader.ReadToEndAsync(ct), Encoding.UTF8, "application/xml"), ct);
        if (!response.IsSuccessStatusCode) throw new BenchmarkFailedException($"deploying the timer process answered {(int)response.StatusCode}");
    }

    /// <summary>Starts the instances from several clients; instance i is due at <paramref name="opens"/> + i × window / N.</summary>
    private static async Task StartAsync(IReadOnlyList<HttpClient> clients, int timers, DateTimeOffset opens, CancellationToken ct)
    {
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            for (var i = Interlocked.Increment(ref next); i < timers; i = Interlocked.Increment(ref next))
            {
                var dueAt = (opens + Window * i / timers).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
                using var response = await client.PostAsJsonAsync("api/instances",
                    new { definitionKey = Key, businessKey = $"L-{i:D6}", variables = new { dueAt } }, ct);
                if (!response.IsSuccessStatusCode) throw new BenchmarkFailedException($"starting instance {i} answered {(int)response.StatusCode}");
            }
        }));
    }

    /// <summary>FiredAt − DueAt of every fired timer in milliseconds, sorted (the SQLite columns hold UTC ticks).</summary>
    private static async Task<List<double>> LatenessAsync(string database, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FiredAt - DueAt FROM Timers WHERE Status = 'Fired' AND ElementId = 'Timer_Due'";
        var lateness = new List<double>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lateness.Add(reader.GetInt64(0) / (double)TimeSpan.TicksPerMillisecond);
        lateness.Sort();
        if (lateness.Count == 0) throw new BenchmarkFailedException("no timer fired");
        return lateness;
    }

    private static async Task<long> CountAsync(string database, string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static double Percentile(List<double> sorted, double percentile)
        => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Ms(List<double> sorted, double percentile) => $"{Percentile(sorted, percentile):0} ms";
}
