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

    /// <summary>
    /// CPU time used by every process on the machine (Linux's /proc/stat), or null elsewhere. A database server on the
    /// same cores (PostgreSQL) spends CPU the benchmark's own process time does not show.
    /// </summary>
    public static TimeSpan? MachineBusyTime()
    {
        const string file = "/proc/stat";
        if (!File.Exists(file)) return null;
        // "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks of 1/100 s (USER_HZ on Linux).
        var ticks = File.ReadLines(file).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
        return TimeSpan.FromMilliseconds(busy * 10);
    }

    /// <summary>
    /// CPU time of the processes with this name visible here (Linux), their reaped children included, so a PostgreSQL
    /// backend that ended during the run still counts (in its postmaster's). Null when none is visible.
    /// </summary>
    public static TimeSpan? CpuTimeOf(string processName)
    {
        if (!Directory.Exists("/proc")) return null;
        long ticks = 0;
        var seen = false;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(folder, "comm")).Trim() != processName) continue;
                // After "pid (comm) ": state, ppid, ... utime stime cutime cstime are fields 14 to 17 of stat.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += fields[11..15].Sum(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture));
                seen = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not a process folder, another user's process, or one that ended while we read it.
            }
        }
        return seen ? TimeSpan.FromMilliseconds(ticks * 10) : null;
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
