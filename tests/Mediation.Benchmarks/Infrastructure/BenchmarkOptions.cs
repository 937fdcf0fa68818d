using System.Globalization;
using Mediation.Benchmarks.Engine;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>The command line: <c>&lt;name&gt; [--option value]...</c>. Unknown options are an error, never ignored.</summary>
internal sealed record BenchmarkOptions
{
    public required string Name { get; init; }
    public int? Instances { get; init; }
    public int Clients { get; init; } = 1;
    public string? File { get; init; }
    public string Provider { get; init; } = "Sqlite";
    public string? Connection { get; init; }
    public ProcessShape Shape { get; init; } = ProcessShape.Gateway;
    public int? Warmup { get; init; }
    /// <summary>SQLite's synchronous pragma when <c>--synchronous</c> was given; null means the product's FULL.</summary>
    public string? Synchronous { get; init; }
    public string SqliteSynchronous => Synchronous ?? "FULL";
    public bool Breakdown { get; init; }
    public int Commits { get; init; } = 5_000;
    public int Batch { get; init; } = 1;
    public bool KeepFile { get; init; }
    /// <summary>engine-throughput: look each task up in the task list rather than take it from the command's answer.</summary>
    public bool QueryTasks { get; init; }
    /// <summary>timer-lateness: Hangfire's polling interval for the Host (its default, 1 s, when not given).</summary>
    public TimeSpan? PollInterval { get; init; }
    /// <summary>Extra pragmas run after the product's on every connection (experiments only; named in the result line).</summary>
    public IReadOnlyList<string> Pragmas { get; init; } = [];

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-')) throw new UsageException("Name a benchmark first.");
        var options = new BenchmarkOptions { Name = args[0] };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--instances" => options with { Instances = Positive(name, Value()) },
                "--clients" => options with { Clients = Positive(name, Value()) },
                "--file" => options with { File = Value() },
                "--provider" => options with { Provider = Value() },
                "--connection" => options with { Connection = Value() },
                "--shape" => options with { Shape = ParseShape(Value()) },
                "--warmup" => options with { Warmup = NonNegative(name, Value()) },
                "--synchronous" => options with { Synchronous = ParseSynchronous(Value()) },
                "--breakdown" => options with { Breakdown = true },
                "--commits" => options with { Commits = Positive(name, Value()) },
                "--batch" => options with { Batch = Positive(name, Value()) },
                "--keep-file" => options with { KeepFile = true },
                "--query-tasks" => options with { QueryTasks = true },
                "--poll-ms" => options with { PollInterval = TimeSpan.FromMilliseconds(Positive(name, Value())) },
                "--pragma" => options with { Pragmas = [.. options.Pragmas, ParsePragma(Value())] },
                _ => throw new UsageException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static int Positive(string name, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new UsageException($"{name} takes a whole number above 0, not '{value}'.");

    private static int NonNegative(string name, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new UsageException($"{name} takes a whole number, not '{value}'.");

    private static ProcessShape ParseShape(string value) => value.ToLowerInvariant() switch
    {
        "gateway" => ProcessShape.Gateway,
        "no-gateway" => ProcessShape.NoGateway,
        "conditions" => ProcessShape.Conditions,
        _ => throw new UsageException($"--shape is gateway, no-gateway or conditions, not '{value}'."),
    };

    private static string ParsePragma(string value)
        => System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z_]+=[A-Za-z0-9_-]+$")
            ? value : throw new UsageException($"--pragma takes name=value (e.g. wal_autocheckpoint=10000), not '{value}'.");

    private static string ParseSynchronous(string value) => value.ToUpperInvariant() switch
    {
        "FULL" or "NORMAL" or "OFF" or "EXTRA" => value.ToUpperInvariant(),
        _ => throw new UsageException($"--synchronous is FULL, NORMAL, EXTRA or OFF, not '{value}'."),
    };
}

internal sealed class UsageException(string message) : Exception(message);
