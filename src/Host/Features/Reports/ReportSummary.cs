namespace Mediation.Host.Features.Reports;

/// <summary>The answer of <c>GET /api/reports/summary</c> (and the rows of its CSV export).</summary>
/// <param name="AsOf">The local date overdue open cases are counted on (today).</param>
/// <param name="NotCounted">DOMAIN §4 measures this build does not count yet, each with why.</param>
public sealed record ReportSummary(
    DateOnly From,
    DateOnly To,
    string GroupBy,
    string? Area,
    string? AreaName,
    DateOnly AsOf,
    DeadlineSettings Deadlines,
    ReportMetrics Totals,
    IReadOnlyList<ReportGroup> Groups,
    Headline Headline,
    OverdueCases Overdue,
    IReadOnlyList<string> NotCounted);

public sealed record ReportGroup(string Key, string Label, ReportMetrics Metrics);

/// <summary>
/// The DOMAIN §4 measures of one group. Registration measures count cases registered in the period; closure measures
/// count cases closed in it (a not-accepted case, 不予受理, is neither accepted nor closed); <see cref="OverdueOpen"/>
/// counts cases open today past their deadline, whenever they were registered. Record measures count agreements that
/// took effect in the period (with their amount), agreements whose performance deadline and grace ended in it, judicial
/// confirmations applied for and ruled on in it, follow-up visits due in it (and done), and visits made in it that
/// rated the parties' satisfaction (1–5).
/// </summary>
public sealed record ReportMetrics(
    int Registered,
    int Accepted,
    int NotAccepted,
    int Closed,
    int Successful,
    double? SuccessRate,
    double? AgreementRate,
    int OnTime,
    double? OnTimeRate,
    int OverdueOpen,
    int Failed,
    int Withdrawn,
    int ReferredPolice,
    int ReturnedToCourt,
    int FromApplication,
    int FromProactive,
    int FromReferral,
    int Collective,
    int CollectivePersons,
    int CollectiveOpen,
    int CollectiveSettled,
    int Agreements,
    decimal AgreementAmount,
    int PerformanceDue,
    int PerformedOnTime,
    double? PerformanceRate,
    int ConfirmationsApplied,
    int Confirmed,
    int ConfirmationsRejected,
    int WrittenWithAmount,
    double? ConfirmationRate,
    int FollowUpsDue,
    int FollowUpsDone,
    double? FollowUpRate,
    int SatisfactionRated,
    double? SatisfactionAverage)
{
    public static ReportMetrics Of(RegistrationCounts r, ClosureCounts c, RecordCounts k, int overdue) => new(
        r.Registered, r.Accepted, r.NotAccepted, c.Closed, c.Successful, Rate(c.Successful, c.Closed), Rate(c.Successful, r.Accepted),
        c.OnTime, Rate(c.OnTime, c.Closed), overdue, c.Failed, c.Withdrawn, c.ReferredPolice, c.ReturnedToCourt,
        r.FromApplication, r.FromProactive, r.FromReferral, r.Collective, r.CollectivePersons, r.CollectiveOpen, r.CollectiveSettled,
        k.Agreements, k.AgreementAmount, k.PerformanceDue, k.PerformedOnTime, Rate(k.PerformedOnTime, k.PerformanceDue),
        k.ConfirmationsApplied, k.Confirmed, k.ConfirmationsRejected, k.WrittenWithAmount, Rate(k.Confirmed, k.WrittenWithAmount),
        k.FollowUpsDue, k.FollowUpsDone, Rate(k.FollowUpsDone, k.FollowUpsDue), k.SatisfactionRated,
        k.SatisfactionRated == 0 ? null : Math.Round((double)k.SatisfactionSum / k.SatisfactionRated, 2));

    /// <summary>A share rounded to four places; null when there is nothing to divide by.</summary>
    public static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

/// <summary>Registration measures of one group key, counted by the database.</summary>
public sealed record RegistrationCounts(string? Key, int Registered, int Accepted, int NotAccepted, int FromApplication, int FromProactive,
    int FromReferral, int Collective, int CollectivePersons, int CollectiveOpen, int CollectiveSettled)
{
    public static readonly RegistrationCounts None = new(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RegistrationCounts Plus(RegistrationCounts o) => new(Key, Registered + o.Registered, Accepted + o.Accepted,
        NotAccepted + o.NotAccepted, FromApplication + o.FromApplication, FromProactive + o.FromProactive, FromReferral + o.FromReferral,
        Collective + o.Collective, CollectivePersons + o.CollectivePersons, CollectiveOpen + o.CollectiveOpen, CollectiveSettled + o.CollectiveSettled);
}

/// <summary>Closure measures of one group key, counted by the database.</summary>
public sealed record ClosureCounts(string? Key, int Closed, int Successful, int OnTime, int Failed, int Withdrawn, int ReferredPolice, int ReturnedToCourt)
{
    public static readonly ClosureCounts None = new(null, 0, 0, 0, 0, 0, 0, 0);

    public ClosureCounts Plus(ClosureCounts o) => new(Key, Closed + o.Closed, Successful + o.Successful, OnTime + o.OnTime,
        Failed + o.Failed, Withdrawn + o.Withdrawn, ReferredPolice + o.ReferredPolice, ReturnedToCourt + o.ReturnedToCourt);
}

public sealed record DeadlineSettings(string PeoplesMediation, string CourtDelegated, string Labour, IReadOnlyList<string> LabourCategories);

/// <summary>The headline counts with the period before (环比) and the same period a year earlier (同比).</summary>
public sealed record Headline(PeriodDto Previous, PeriodDto YearAgo, Trend Accepted, Trend Closed, Trend Successful, Trend Collective);

public sealed record PeriodDto(DateOnly From, DateOnly To);

/// <summary>A count now, before and a year ago, and the relative changes (0.25 = +25 %); null when the base is zero.</summary>
public sealed record Trend(int Current, int Previous, int YearAgo, double? MonthOnMonth, double? YearOnYear)
{
    public static Trend Of(int current, int previous, int yearAgo)
        => new(current, previous, yearAgo, Change(current, previous), Change(current, yearAgo));

    private static double? Change(int now, int then) => then == 0 ? null : Math.Round((double)(now - then) / then, 4);
}

/// <summary>超期未结: open cases past their deadline, the most overdue first, with where each waits and who holds it.</summary>
public sealed record OverdueCases(int Total, IReadOnlyList<OverdueCase> Cases, IReadOnlyList<NamedCount> ByStage, IReadOnlyList<NamedCount> ByOwner);

public sealed record OverdueCase(string CaseNumber, string Category, string CategoryLabel, string AreaCode, string? AreaName,
    DateOnly RegisteredOn, DateOnly DueOn, int DaysOverdue, IReadOnlyList<string> Stage, IReadOnlyList<string> Owners);

public sealed record NamedCount(string Name, int Count);
