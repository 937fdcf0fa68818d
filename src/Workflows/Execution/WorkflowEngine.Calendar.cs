using Mediation.Workflows.Expressions;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>The working-day calendar: its years, adding one, and recomputing the deadlines that were provisional without it.</summary>
internal sealed partial class WorkflowEngine
{
    // One calendar change at a time in this process (a PUT, the periodic refresh); other processes are kept apart by the
    // rows' revisions and the instances' optimistic concurrency.
    private readonly SemaphoreSlim calendarGate = new(1, 1);

    public async Task<CalendarView> GetCalendarAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var stored = await db.CalendarYears.AsNoTracking().ToListAsync(cancellationToken);
        var years = ChinaHolidaySchedules.Years.Select(y => View(y.Key, CalendarYearSource.Shipped, y.Value, null, null))
            .Concat(stored.Where(r => !ChinaHolidaySchedules.Years.ContainsKey(r.Year)).Select(ToView))   // a release that ships a stored year wins
            .OrderBy(y => y.Year)
            .ToList();
        var tasks = await db.UserTasks.CountAsync(t => t.Status == UserTaskStatus.Open && (t.DueProvisional || t.FollowUpProvisional), cancellationToken);
        var timers = await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.ProvisionalYear != null, cancellationToken);
        return new CalendarView(years, tasks, timers);
    }

    public async Task<CalendarYearChange> SetCalendarYearAsync(SetCalendarYearRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request.Schedule);
        if (request.Source == CalendarYearSource.Shipped) throw new ArgumentException("Only configuration or the API add calendar years.", nameof(request));
        HolidaySchedule.ParseYear(request.Year, request.Schedule, out var problems);
        if (problems.Count > 0) return new(CalendarYearOutcome.Invalid, null, problems, DeadlineRecount.None);
        if (ChinaHolidaySchedules.Years.ContainsKey(request.Year)) return new(CalendarYearOutcome.Shipped, null, [], DeadlineRecount.None);

        await calendarGate.WaitAsync(cancellationToken);
        try
        {
            var (outcome, row) = await StoreYearAsync(request, cancellationToken);
            if (outcome is CalendarYearOutcome.Unchanged or CalendarYearOutcome.KeptFromApi)
            {
                return new(outcome, ToView(row), [], DeadlineRecount.None);
            }
            await ReloadCalendarAsync(cancellationToken);
            var recount = await RecomputeProvisionalDeadlinesAsync(request.Actor, cancellationToken);
            return new(outcome, ToView(row), [], recount);
        }
        finally
        {
            calendarGate.Release();
        }
    }

    public async Task<CalendarRefresh> RefreshCalendarAsync(CancellationToken cancellationToken = default)
    {
        await calendarGate.WaitAsync(cancellationToken);
        try
        {
            var reloaded = await ReloadCalendarAsync(cancellationToken);
            var recount = await RecomputeProvisionalDeadlinesAsync("calendar", cancellationToken);
            return new CalendarRefresh(reloaded, calendars.Current.Years, recount);
        }
        finally
        {
            calendarGate.Release();
        }
    }

    private async Task<(CalendarYearOutcome, CalendarYearEntity)> StoreYearAsync(SetCalendarYearRequest request, CancellationToken ct)
    {
        await using var db = databases.Create();
        var source = SourceName(request.Source);
        var row = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == request.Year, ct);
        if (row is not null && row.Schedule == request.Schedule && (row.Source == source || request.Source == CalendarYearSource.Configuration))
        {
            return (CalendarYearOutcome.Unchanged, row);
        }
        if (row is { Source: "api" } && request.Source == CalendarYearSource.Configuration) return (CalendarYearOutcome.KeptFromApi, row);
        var outcome = row is null ? CalendarYearOutcome.Added : CalendarYearOutcome.Replaced;
        if (row is null)
        {
            row = new CalendarYearEntity { Year = request.Year, Schedule = request.Schedule, Source = source };
            db.CalendarYears.Add(row);
        }
        row.Schedule = request.Schedule;
        row.Source = source;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = request.Actor;
        row.Revision++;
        try
        {
            await SaveAsync(db, ct);
        }
        catch (Exception e) when (outcome == CalendarYearOutcome.Added && e is DbUpdateException or System.Data.Common.DbException)
        {
            throw new ConcurrencyConflictException($"Someone else added {request.Year} to the calendar first; reload and try again.", e);
        }
        return (outcome, row);
    }

    /// <summary>Rebuilds the calendar when the stored years' revisions differ from those it was built from; true when it did.</summary>
    private async Task<bool> ReloadCalendarAsync(CancellationToken ct)
    {
        await using var db = databases.Create();
        var revisions = await db.CalendarYears.AsNoTracking().ToDictionaryAsync(y => y.Year, y => y.Revision, ct);
        if (calendars.Snapshot.IsBuiltFrom(revisions)) return false;
        var rows = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        var usable = rows.Where(r => !ChinaHolidaySchedules.Years.ContainsKey(r.Year) && Reads(r)).ToList();
        var calendar = new BusinessCalendar([.. ChinaHolidaySchedules.Years.Values, .. usable.Select(r => r.Schedule)]);
        calendars.Replace(new CalendarSnapshot(calendar, rows.ToDictionary(r => r.Year, r => r.Revision)));
        return true;
    }

    // Rows were checked on the way in; one edited by hand that no longer reads leaves its year uncovered (so provisional), not the engine down.
    private static bool Reads(CalendarYearEntity row)
    {
        HolidaySchedule.ParseYear(row.Year, row.Schedule, out var problems);
        return problems.Count == 0;
    }

    private static string SourceName(CalendarYearSource source) => source.ToString().ToLowerInvariant();

    private static CalendarYearView ToView(CalendarYearEntity row)
        => View(row.Year, Enum.Parse<CalendarYearSource>(row.Source, ignoreCase: true), row.Schedule, row.UpdatedAt, row.UpdatedBy);

    private static CalendarYearView View(int year, CalendarYearSource source, string schedule, DateTimeOffset? updatedAt, string? updatedBy)
    {
        var entries = HolidaySchedule.ParseYear(year, schedule, out _);
        int Count(CalendarDay kind) => entries.Where(e => e.Kind == kind).Sum(e => e.Last.DayNumber - e.First.DayNumber + 1);
        return new CalendarYearView(year, SourceName(source), Count(CalendarDay.PublicHoliday), Count(CalendarDay.MakeUpWorkingDay),
            schedule, updatedAt, updatedBy);
    }
}
