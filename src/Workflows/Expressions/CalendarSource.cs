namespace Mediation.Workflows.Expressions;

/// <summary>
/// The business calendar in force: the shipped years plus the years stored in the engine's database. An evaluation
/// reads <see cref="Current"/> once and counts on that snapshot throughout; adding a year builds a whole new calendar
/// and swaps the reference, so readers take no lock and never see half a year. Registered as a singleton.
/// </summary>
public sealed class CalendarSource
{
    private volatile CalendarSnapshot snapshot;

    /// <summary>The shipped years only, until the engine loads the stored ones (<c>RefreshCalendarAsync</c>).</summary>
    public CalendarSource() => snapshot = CalendarSnapshot.Shipped;

    public BusinessCalendar Current => snapshot.Calendar;

    internal CalendarSnapshot Snapshot => snapshot;

    internal void Replace(CalendarSnapshot next) => snapshot = next;
}

/// <summary>A calendar and the stored years (and their revisions) it was built from, to tell whether the database has moved on.</summary>
internal sealed record CalendarSnapshot(BusinessCalendar Calendar, IReadOnlyDictionary<int, int> StoredRevisions)
{
    public static CalendarSnapshot Shipped { get; } = new(new BusinessCalendar(), new Dictionary<int, int>());

    public bool IsBuiltFrom(IReadOnlyDictionary<int, int> revisions)
        => revisions.Count == StoredRevisions.Count
            && revisions.All(r => StoredRevisions.TryGetValue(r.Key, out var revision) && revision == r.Value);
}

/// <summary>
/// One evaluation's use of the calendar: a single snapshot, and the years it counted through that have no holiday
/// notice. A non-empty <see cref="UnscheduledYears"/> makes the evaluation's result provisional.
/// </summary>
internal sealed class CalendarReading(BusinessCalendar calendar)
{
    private readonly SortedSet<int> unscheduled = [];

    public IReadOnlyCollection<int> UnscheduledYears => unscheduled;

    public DateOnly AddWorkingDays(DateOnly from, int days) => calendar.AddWorkingDays(from, days, unscheduled);

    public DateOnly LegalPeriodEnd(DateOnly start, int days) => calendar.LegalPeriodEnd(start, days, unscheduled);
}
