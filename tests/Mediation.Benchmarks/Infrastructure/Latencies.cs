using System.Diagnostics;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>Durations of one kind of call, recorded by one client without locking and merged at the end.</summary>
internal sealed class Latencies(int capacity)
{
    private long[] ticks = new long[capacity];

    public int Count { get; private set; }

    /// <summary>Times one call from <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>) to now.</summary>
    public void Record(long started)
    {
        if (Count == ticks.Length) Array.Resize(ref ticks, ticks.Length * 2);
        ticks[Count++] = Stopwatch.GetTimestamp() - started;
    }

    public static Latencies Merge(IEnumerable<Latencies> parts)
    {
        var list = parts.ToList();
        var merged = new Latencies(Math.Max(1, list.Sum(p => p.Count)));
        foreach (var part in list)
        {
            Array.Copy(part.ticks, 0, merged.ticks, merged.Count, part.Count);
            merged.Count += part.Count;
        }
        Array.Sort(merged.ticks, 0, merged.Count);
        return merged;
    }

    /// <summary>The percentile in milliseconds (nearest rank); the list must come from <see cref="Merge"/>, which sorts.</summary>
    public double PercentileMs(double percentile)
    {
        if (Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * Count) - 1;
        return ticks[Math.Clamp(rank, 0, Count - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public double MeanMs => Count == 0 ? double.NaN : ticks.Take(Count).Average() * 1000.0 / Stopwatch.Frequency;

    public double MaxMs => Count == 0 ? double.NaN : ticks[Count - 1] * 1000.0 / Stopwatch.Frequency;
}
