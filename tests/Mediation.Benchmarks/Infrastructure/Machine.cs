using System.Diagnostics;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>What else the machine is doing: a figure taken while a test suite runs beside it is not the engine's alone.</summary>
internal static class Machine
{
    public static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average against the core count (Linux), or nothing elsewhere.</summary>
    public static string LoadAverage()
    {
        const string file = "/proc/loadavg";
        if (!File.Exists(file)) return $"{Environment.ProcessorCount} cores";
        var oneMinute = File.ReadAllText(file).Split(' ')[0];
        return $"{Environment.ProcessorCount} cores, load average {oneMinute} (this benchmark included)";
    }
}
