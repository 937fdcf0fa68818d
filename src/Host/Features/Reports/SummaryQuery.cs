using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Reports;

/// <summary>Builds a <see cref="ReportSummary"/>: the caller's cases, grouped and counted by the database.</summary>
public sealed class SummaryQuery(ReportScopes scopes, ReportCalendar calendar, IOptions<ReportsOptions> options, OverdueList overdueList,
    RecordQueries records)
{
    /// <summary>DOMAIN §4 measures and rules this build does not count, because nothing records what they need.</summary>
    public static readonly IReadOnlyList<string> NotCounted =
    [
        "延期：按期办结与超期未结按登记起算的期限计算，案件上未记录延期。Extensions: deadlines count from registration; no extension is recorded on a case.",
        "防止民转刑、排查：尚无排查与预防记录。Prevention and screening: nothing records screening rounds or prevented escalations.",
    ];

    public async Task<(ReportSummary? Summary, ScopeProblem? Problem)> RunAsync(ClaimsPrincipal user, ReportRequest request, CancellationToken ct)
    {
        var (scope, problem) = await scopes.ResolveAsync(user, request.Area, ct);
        if (scope is null) return (null, problem);
        var settings = options.Value;
        var deadlines = settings.Deadlines();
        var facts = calendar.Facts(scope.Cases, deadlines);
        var period = request.Period;
        var today = calendar.Today();

        // Sequential on purpose: one DbContext runs one query at a time.
        var byCreated = GroupKeys.For(request.GroupBy, scope, period, f => f.CreatedDay);
        var registered = await CaseCounts.RegisteredAsync(facts, period, byCreated, ct);
        var closed = await CaseCounts.ClosedAsync(facts, period, GroupKeys.For(request.GroupBy, scope, period, f => f.ClosedDay), ct);
        var overdue = await CaseCounts.OverdueByAsync(facts, today, byCreated, ct);
        var recorded = await records.CountAsync(facts, scope, request.GroupBy, period, today, settings.PerformanceGraceDays, ct);
        var list = await overdueList.ListAsync(facts, today, settings.OverdueListLimit, ct);

        var totals = ReportMetrics.Of(CaseCounts.Sum(registered), CaseCounts.Sum(closed),
            recorded.Values.Aggregate(RecordCounts.None, (a, b) => a.Plus(b)), list.Total);
        var groups = Groups(request, scope, period, registered, closed, recorded, overdue);
        var headline = await HeadlineAsync(facts, scope, request, totals, ct);
        return (new ReportSummary(period.From, period.To, request.GroupingName, scope.Area?.Code, scope.Area?.Name, today,
            new DeadlineSettings(deadlines.PeoplesMediation.ToString(), deadlines.CourtDelegated.ToString(), deadlines.Labour.ToString(),
                deadlines.LabourCategories), totals, groups, headline, list, NotCounted), null);
    }

    /// <summary>The rows in a stable order: every unit below the area and every month of the period, even at zero; codes that occur, in list order.</summary>
    private static List<ReportGroup> Groups(ReportRequest request, ReportScope scope, ReportPeriod period,
        List<RegistrationCounts> registered, List<ClosureCounts> closed, Dictionary<string, RecordCounts> recorded, Dictionary<string, int> overdue)
    {
        var byKey = registered.Where(r => r.Key is not null).ToDictionary(r => r.Key!);
        var closedByKey = closed.Where(r => r.Key is not null).ToDictionary(r => r.Key!);
        var seen = byKey.Keys.Concat(closedByKey.Keys).Concat(recorded.Keys).Concat(overdue.Keys).ToHashSet(StringComparer.Ordinal);
        IEnumerable<(string Key, string Label)> keys = request.GroupBy switch
        {
            ReportGrouping.Area => scope.Children.Select(u => (u.Code, u.Name))
                .Concat(seen.Contains(GroupKeys.AreaItself) ? [(GroupKeys.AreaItself, $"{scope.Area?.Name ?? "全部"}（本级）")] : [])
                .Concat(seen.Where(k => k != GroupKeys.AreaItself && scope.Children.All(u => u.Code != k)).Order(StringComparer.Ordinal).Select(k => (k, k))),
            ReportGrouping.Month => period.MonthBuckets().Select(b => (b.Key, ReportLabels.For(ReportGrouping.Month, b.Key))),
            _ => ReportLabels.KnownKeys(request.GroupBy).Where(seen.Contains)
                .Concat(seen.Except(ReportLabels.KnownKeys(request.GroupBy)).Order(StringComparer.Ordinal))
                .Select(k => (k, ReportLabels.For(request.GroupBy, k))),
        };
        return keys.Select(k => new ReportGroup(k.Key, k.Label, ReportMetrics.Of(
            byKey.GetValueOrDefault(k.Key, RegistrationCounts.None), closedByKey.GetValueOrDefault(k.Key, ClosureCounts.None),
            recorded.GetValueOrDefault(k.Key, RecordCounts.None), overdue.GetValueOrDefault(k.Key)))).ToList();
    }

    /// <summary>环比 and 同比 of the headline counts; the earlier periods are summed over categories (every case has one).</summary>
    private static async Task<Headline> HeadlineAsync(IQueryable<CaseFacts> facts, ReportScope scope, ReportRequest request,
        ReportMetrics now, CancellationToken ct)
    {
        var previous = request.Period.Previous();
        var yearAgo = request.Period.YearAgo();
        var (p, pc) = await TotalsAsync(facts, scope, previous, ct);
        var (y, yc) = await TotalsAsync(facts, scope, yearAgo, ct);
        return new Headline(new PeriodDto(previous.From, previous.To), new PeriodDto(yearAgo.From, yearAgo.To),
            Trend.Of(now.Accepted, p.Accepted, y.Accepted),
            Trend.Of(now.Closed, pc.Closed, yc.Closed),
            Trend.Of(now.Successful, pc.Successful, yc.Successful),
            Trend.Of(now.Collective, p.Collective, y.Collective));
    }

    private static async Task<(RegistrationCounts, ClosureCounts)> TotalsAsync(IQueryable<CaseFacts> facts, ReportScope scope,
        ReportPeriod period, CancellationToken ct)
    {
        var key = GroupKeys.For(ReportGrouping.Category, scope, period, f => f.CreatedDay);
        return (CaseCounts.Sum(await CaseCounts.RegisteredAsync(facts, period, key, ct)), CaseCounts.Sum(await CaseCounts.ClosedAsync(facts, period, key, ct)));
    }
}
