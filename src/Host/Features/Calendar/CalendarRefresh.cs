using Mediation.Workflows.Execution;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Calendar;

/// <summary>
/// Every <see cref="CalendarOptions.RefreshInterval"/>: picks up years another Host process stored, and recomputes
/// provisional deadlines the calendar now covers. Each process runs its own (a Hangfire recurring job would run on
/// one of them only, and every process must reload its own calendar).
/// </summary>
internal sealed class CalendarRefresh(IWorkflowEngine engine, IOptions<CalendarOptions> options, TimeProvider time,
    ILogger<CalendarRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var refresh = await engine.RefreshCalendarAsync(stoppingToken);
                if (refresh.Reloaded) logger.LogInformation("Calendar reloaded: {Years}", string.Join(", ", refresh.Years));
                if (refresh.Recomputed.Tasks + refresh.Recomputed.Timers > 0)
                {
                    logger.LogInformation("Recomputed {Tasks} provisional task deadline(s) and {Timers} timer(s)",
                        refresh.Recomputed.Tasks, refresh.Recomputed.Timers);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is briefly away must not stop the refresh for good: the next tick tries again.
                logger.LogWarning(e, "The calendar refresh failed; it runs again in {Interval}", options.Value.RefreshInterval);
            }
        }
    }
}
