namespace Mediation.Benchmarks.Infrastructure;

/// <summary>Allocation and collection counts, so a run shows what garbage costs it.</summary>
internal readonly record struct GcCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcCounters Now() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcCounters operator -(GcCounters a, GcCounters b)
        => new(a.AllocatedBytes - b.AllocatedBytes, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Paused - b.Paused);
}
