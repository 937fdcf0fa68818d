using Mediation.Host.Features.Cases;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// One case as the reports count it, projected in SQL: its codes and the whole-number days they compare (registration,
/// closure, deadline), so every filter and group below stays a query the database answers.
/// </summary>
public sealed class CaseFacts
{
    public int Id { get; init; }
    public required string CaseNumber { get; init; }
    public required string Category { get; init; }
    public required string Channel { get; init; }
    public CaseSource Source { get; init; }
    public required string RiskLevel { get; init; }
    public required string AreaCode { get; init; }
    public required string AreaPath { get; init; }
    public bool Collective { get; init; }
    public int? PersonsInvolved { get; init; }
    public string? Outcome { get; init; }
    /// <summary>Not refused at the admissibility check (不予受理): every registered case until it closes as notAccepted.</summary>
    public bool Accepted { get; init; }
    public Guid ProcessInstanceId { get; init; }
    /// <summary>Local day number (days since 1970-01-01 in the report zone) of registration.</summary>
    public long CreatedDay { get; init; }
    /// <summary>Local day number of closure; null while the case is open.</summary>
    public long? ClosedDay { get; init; }
    /// <summary>Local day number of the applicable deadline (<see cref="ReportsOptions"/>): closed on or before it is on time.</summary>
    public long DueDay { get; init; }
}

/// <summary>The closure codes of the contract that the reports tell apart (<c>recordOutcome</c> writes them).</summary>
public static class Outcomes
{
    public const string Agreed = "agreed";
    public const string Failed = "failed";
    public const string Withdrawn = "withdrawn";
    public const string NotAccepted = "notAccepted";
    public const string ReferredPolice = "referredPolice";
    public const string ReturnedToCourt = "returnedToCourt";
}

/// <summary>The report zone's calendar: local dates, their day numbers, and today.</summary>
public sealed class ReportCalendar(TimeProvider time, EngineOptions engine)
{
    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(engine.TimeZone);

    /// <summary>
    /// The zone's offset, fixed: SQL shifts every stored instant by it. Asia/Shanghai has kept UTC+8 without daylight
    /// saving since 1991; a zone with daylight saving would place cases within an hour of midnight on the wrong day.
    /// </summary>
    public int OffsetSeconds => (int)zone.BaseUtcOffset.TotalSeconds;

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    public static long Day(DateOnly date) => date.DayNumber - Epoch;

    public static DateOnly Date(long day) => DateOnly.FromDayNumber((int)(day + Epoch));

    public IQueryable<CaseFacts> Facts(IQueryable<Case> cases, CaseDeadlines deadlines)
    {
        var offset = OffsetSeconds;
        var (pm, pd) = (deadlines.PeoplesMediation.Months, deadlines.PeoplesMediation.Days);
        var (cm, cd) = (deadlines.CourtDelegated.Months, deadlines.CourtDelegated.Days);
        var (lm, ld) = (deadlines.Labour.Months, deadlines.Labour.Days);
        var labour = deadlines.LabourCategories.ToList();
        return cases.Select(c => new CaseFacts
        {
            Id = c.Id,
            CaseNumber = c.CaseNumber, Category = c.Category, Channel = c.Channel, Source = c.Source, RiskLevel = c.RiskLevel,
            AreaCode = c.AreaCode, AreaPath = c.AreaPath, Collective = c.Collective, PersonsInvolved = c.PersonsInvolved,
            Outcome = c.Outcome, Accepted = c.Outcome == null || c.Outcome != Outcomes.NotAccepted, ProcessInstanceId = c.ProcessInstanceId,
            CreatedDay = (ReportSql.EpochSeconds(c.CreatedAt)!.Value + offset) / 86400,
            ClosedDay = c.ClosedAt == null ? null : (ReportSql.EpochSeconds(c.ClosedAt) + offset) / 86400,
            DueDay = c.CourtDelegated ? ReportSql.DueDay(c.CreatedAt, offset, cm, cd)
                : labour.Contains(c.Category) ? ReportSql.DueDay(c.CreatedAt, offset, lm, ld)
                : ReportSql.DueDay(c.CreatedAt, offset, pm, pd),
        });
    }
}
