namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// CPU spent over a stretch of the run: by this process, by a database server on this machine (null when there is
/// none to see, as for SQLite, which runs inside this process) and by the whole machine. On 2 cores shared with
/// PostgreSQL the process time alone hides half the cost of a step.
/// </summary>
internal readonly record struct CpuUse(TimeSpan Process, TimeSpan? Server, TimeSpan? Machine)
{
    public static CpuUse Now(Func<TimeSpan?> server)
        => new(Infrastructure.Machine.ProcessorTime(), server(), Infrastructure.Machine.MachineBusyTime());

    public static CpuUse operator -(CpuUse after, CpuUse before)
        => new(after.Process - before.Process, after.Server - before.Server, after.Machine - before.Machine);

    public void Report(int instances)
    {
        var cores = Environment.ProcessorCount;
        if (Server is { } server)
        {
            Console.Error.WriteLine($"database server CPU (postgres processes on this machine, every database) " +
                $"{server.TotalMilliseconds / instances:0.00} ms per instance");
        }
        if (Machine is { } machine)
        {
            var ms = machine.TotalMilliseconds / instances;
            Console.Error.WriteLine($"machine CPU (every process: this one, a database server on this machine, anything else) " +
                $"{ms:0.00} ms per instance: at most {cores * 1000 / ms:0} instances/s on these cores");
        }
    }
}
