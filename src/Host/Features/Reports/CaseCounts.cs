using System.Linq.Expressions;
using Mediation.Host.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// The three grouped counts a summary is made of, each one GROUP BY the database answers: cases registered in a period,
/// cases closed in it, and cases open today past their deadline. Nothing here reads cases one by one.
/// </summary>
public static class CaseCounts
{
    public static Task<List<RegistrationCounts>> RegisteredAsync(IQueryable<CaseFacts> facts, ReportPeriod period,
        Expression<Func<CaseFacts, string?>> key, CancellationToken ct)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        return facts.Where(f => f.CreatedDay >= first && f.CreatedDay <= last)
            .GroupBy(key)
            .Select(g => new RegistrationCounts(
                g.Key,
                g.Count(),
                g.Count(f => f.Accepted),
                g.Count(f => !f.Accepted),
                g.Count(f => f.Accepted && f.Source == CaseSource.Application),
                g.Count(f => f.Accepted && f.Source == CaseSource.Proactive),
                g.Count(f => f.Accepted && f.Source == CaseSource.Referral),
                g.Count(f => f.Accepted && f.Collective),
                g.Sum(f => f.Accepted && f.Collective ? f.PersonsInvolved ?? 0 : 0),
                // Open or settled as the period ends, so a past period reads the same tomorrow.
                g.Count(f => f.Accepted && f.Collective && (f.ClosedDay == null || f.ClosedDay > last)),
                g.Count(f => f.Accepted && f.Collective && f.ClosedDay <= last && f.Outcome == Outcomes.Agreed)))
            .ToListAsync(ct);
    }

    public static Task<List<ClosureCounts>> ClosedAsync(IQueryable<CaseFacts> facts, ReportPeriod period,
        Expression<Func<CaseFacts, string?>> key, CancellationToken ct)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        return facts.Where(f => f.Accepted && f.ClosedDay >= first && f.ClosedDay <= last)
            .GroupBy(key)
            .Select(g => new ClosureCounts(
                g.Key,
                g.Count(),
                g.Count(f => f.Outcome == Outcomes.Agreed),
                g.Count(f => f.ClosedDay <= f.DueDay),
                g.Count(f => f.Outcome == Outcomes.Failed),
                g.Count(f => f.Outcome == Outcomes.Withdrawn),
                g.Count(f => f.Outcome == Outcomes.ReferredPolice),
                g.Count(f => f.Outcome == Outcomes.ReturnedToCourt)))
            .ToListAsync(ct);
    }

    /// <summary>Open cases whose deadline date is before <paramref name="today"/> (on the deadline day a case is not yet late).</summary>
    public static IQueryable<CaseFacts> Overdue(IQueryable<CaseFacts> facts, DateOnly today)
    {
        var day = ReportCalendar.Day(today);
        return facts.Where(f => f.ClosedDay == null && f.DueDay < day);
    }

    public static Task<Dictionary<string, int>> OverdueByAsync(IQueryable<CaseFacts> facts, DateOnly today,
        Expression<Func<CaseFacts, string?>> key, CancellationToken ct)
        => Overdue(facts, today).GroupBy(key).Select(g => new { g.Key, Count = g.Count() })
            .Where(r => r.Key != null)
            .ToDictionaryAsync(r => r.Key!, r => r.Count, ct);

    public static RegistrationCounts Sum(IEnumerable<RegistrationCounts> rows) => rows.Aggregate(RegistrationCounts.None, (a, b) => a.Plus(b));

    public static ClosureCounts Sum(IEnumerable<ClosureCounts> rows) => rows.Aggregate(ClosureCounts.None, (a, b) => a.Plus(b));
}
