using Hangfire;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// Starts the processes of cases left <see cref="CaseStatus.StartPending"/> (the engine failed, the Host stopped between
/// storing the case and starting it): at start-up, then every minute. Each case is first taken with its concurrency
/// token, so two Host processes do not both work on it; and the instance id chosen at intake makes a start repeated
/// anyway find the first instance.
/// </summary>
public sealed class StartPendingCases(HostDbContext db, CaseStarter starter, TimeProvider clock, ILogger<StartPendingCases> logger)
{
    public const string JobId = "start-pending-cases";
    private const int Batch = 100;

    /// <summary>How old a pending case must be before the sweep takes it: an intake still answering starts its own case.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>The recurring job: pending cases older than <see cref="Grace"/>.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task SweepAsync(CancellationToken ct) => RunAsync(Grace, ct);

    /// <summary>Starts every pending case registered at least <paramref name="minimumAge"/> ago; returns how many started.</summary>
    public async Task<int> RunAsync(TimeSpan minimumAge, CancellationToken ct)
    {
        var before = clock.GetUtcNow() - minimumAge;
        // Few cases are ever pending; their creation times are compared here, as SQLite cannot compare DateTimeOffset in SQL.
        var pending = await db.Set<Case>().Include(c => c.Parties).Where(c => c.Status == CaseStatus.StartPending)
            .OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
        var started = 0;
        foreach (var @case in pending.Where(c => c.CreatedAt <= before))
        {
            if (!await TakeAsync(@case, ct)) continue;
            if (await starter.StartAsync(@case, @case.CreatedBy, ct) is not null) started++;
        }
        if (started > 0) logger.LogInformation("Started the processes of {Count} pending case(s)", started);
        return started;
    }

    private async Task<bool> TakeAsync(Case @case, CancellationToken ct)
    {
        @case.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(@case).State = EntityState.Detached;   // another process has it
            return false;
        }
    }
}
