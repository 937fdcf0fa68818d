using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// The measures counted from the case records (agreements, judicial confirmations, follow-up visits), by the group key
/// of the record's case, or by the record's own day when grouping by month. Each is a GROUP BY the database answers.
/// </summary>
public sealed record RecordCounts(int Agreements, decimal AgreementAmount, int WrittenWithAmount, int PerformanceDue, int PerformedOnTime,
    int ConfirmationsApplied, int Confirmed, int ConfirmationsRejected, int FollowUpsDue, int FollowUpsDone, int SatisfactionRated,
    int SatisfactionSum)
{
    public static readonly RecordCounts None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RecordCounts Plus(RecordCounts o) => new(Agreements + o.Agreements, AgreementAmount + o.AgreementAmount,
        WrittenWithAmount + o.WrittenWithAmount, PerformanceDue + o.PerformanceDue, PerformedOnTime + o.PerformedOnTime,
        ConfirmationsApplied + o.ConfirmationsApplied, Confirmed + o.Confirmed, ConfirmationsRejected + o.ConfirmationsRejected,
        FollowUpsDue + o.FollowUpsDue, FollowUpsDone + o.FollowUpsDone, SatisfactionRated + o.SatisfactionRated, SatisfactionSum + o.SatisfactionSum);
}

/// <summary>A record with its case and its own day (the period and the month grouping read <see cref="Day"/>).</summary>
public sealed class RecordFact
{
    public required CaseFacts Case { get; init; }
    public long? Day { get; init; }
    public bool Flag { get; init; }
    public decimal? Amount { get; init; }
    public int? Score { get; init; }
}

public sealed class RecordQueries(HostDbContext db, ReportCalendar calendar)
{
    public async Task<Dictionary<string, RecordCounts>> CountAsync(IQueryable<CaseFacts> facts, ReportScope scope, ReportGrouping grouping,
        ReportPeriod period, DateOnly today, int graceDays, CancellationToken ct)
    {
        var (first, last, now) = (period.FirstDay, period.LastDay, ReportCalendar.Day(today));
        var key = GroupKeys.For<RecordFact>(grouping, scope, period, r => r.Case, r => r.Day);
        var rows = new Dictionary<string, RecordCounts>(StringComparer.Ordinal);
        void Add(string? k, RecordCounts counts)
        {
            if (k is null) return;
            rows[k] = rows.TryGetValue(k, out var had) ? had.Plus(counts) : counts;
        }

        // Sequential on purpose: one DbContext runs one query at a time.
        foreach (var r in await Effective(facts).Where(r => r.Day >= first && r.Day <= last).GroupBy(key)
            .Select(g => new { g.Key, Count = g.Count(), Amount = g.Sum(r => r.Amount ?? 0m), Written = g.Count(r => r.Flag && r.Amount != null && r.Amount != 0m) })
            .ToListAsync(ct))
            Add(r.Key, RecordCounts.None with { Agreements = r.Count, AgreementAmount = r.Amount, WrittenWithAmount = r.Written });
        // Due once the deadline and its grace have passed, so the share does not move as late visits come in.
        foreach (var r in await Due(facts, graceDays).Where(r => r.Day >= first && r.Day <= last && r.Day + graceDays < now).GroupBy(key)
            .Select(g => new { g.Key, Due = g.Count(), Performed = g.Count(r => r.Flag) }).ToListAsync(ct))
            Add(r.Key, RecordCounts.None with { PerformanceDue = r.Due, PerformedOnTime = r.Performed });
        foreach (var r in await Applied(facts).Where(r => r.Day >= first && r.Day <= last).GroupBy(key)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            Add(r.Key, RecordCounts.None with { ConfirmationsApplied = r.Count });
        foreach (var r in await Ruled(facts).Where(r => r.Day >= first && r.Day <= last).GroupBy(key)
            .Select(g => new { g.Key, Confirmed = g.Count(r => r.Flag), Rejected = g.Count(r => !r.Flag) }).ToListAsync(ct))
            Add(r.Key, RecordCounts.None with { Confirmed = r.Confirmed, ConfirmationsRejected = r.Rejected });
        foreach (var r in await Planned(facts).Where(r => r.Day >= first && r.Day <= last && r.Day < now).GroupBy(key)
            .Select(g => new { g.Key, Due = g.Count(), Done = g.Count(r => r.Flag) }).ToListAsync(ct))
            Add(r.Key, RecordCounts.None with { FollowUpsDue = r.Due, FollowUpsDone = r.Done });
        foreach (var r in await Visited(facts).Where(r => r.Day >= first && r.Day <= last && r.Score != null).GroupBy(key)
            .Select(g => new { g.Key, Rated = g.Count(), Sum = g.Sum(r => r.Score ?? 0) }).ToListAsync(ct))
            Add(r.Key, RecordCounts.None with { SatisfactionRated = r.Rated, SatisfactionSum = r.Sum });
        return rows;
    }

    /// <summary>Agreements by the day they took effect; <see cref="RecordFact.Flag"/>: written.</summary>
    private IQueryable<RecordFact> Effective(IQueryable<CaseFacts> facts)
    {
        var offset = calendar.OffsetSeconds;
        return from a in db.Set<Agreement>()
               where a.EffectiveAt != null
               join f in facts on a.CaseId equals f.Id
               select new RecordFact { Case = f, Day = (ReportSql.EpochSeconds(a.EffectiveAt) + offset) / 86400, Flag = a.Form == AgreementForm.Written, Amount = a.Amount };
    }

    /// <summary>
    /// Agreements in effect by their performance deadline; <see cref="RecordFact.Flag"/>: performed on signing, or a
    /// visit found them fully performed no later than <paramref name="graceDays"/> after the deadline.
    /// </summary>
    private IQueryable<RecordFact> Due(IQueryable<CaseFacts> facts, int graceDays)
    {
        var offset = calendar.OffsetSeconds;
        var visits = db.Set<FollowUpVisit>();
        return from a in db.Set<Agreement>()
               where a.EffectiveAt != null
               join f in facts on a.CaseId equals f.Id
               let deadline = ReportSql.DayNumber(a.PerformanceDeadline)
               select new RecordFact
               {
                   Case = f, Day = deadline,
                   Flag = a.PerformedOnSigning || visits.Any(v => v.CaseId == a.CaseId && v.Performed == Performance.Fully && v.VisitedAt != null
                       && (ReportSql.EpochSeconds(v.VisitedAt) + offset) / 86400 <= deadline + graceDays),
               };
    }

    private IQueryable<RecordFact> Applied(IQueryable<CaseFacts> facts)
        => from j in db.Set<JudicialConfirmation>()
           join f in facts on j.CaseId equals f.Id
           select new RecordFact { Case = f, Day = ReportSql.DayNumber(j.AppliedOn) };

    /// <summary>Confirmations ruled on, by the ruling's date; <see cref="RecordFact.Flag"/>: confirmed (else rejected).</summary>
    private IQueryable<RecordFact> Ruled(IQueryable<CaseFacts> facts)
        => from j in db.Set<JudicialConfirmation>()
           where j.RulingDate != null && (j.Status == ConfirmationStatus.Confirmed || j.Status == ConfirmationStatus.Rejected)
           join f in facts on j.CaseId equals f.Id
           select new RecordFact { Case = f, Day = ReportSql.DayNumber(j.RulingDate), Flag = j.Status == ConfirmationStatus.Confirmed };

    /// <summary>Planned visits by their due day; <see cref="RecordFact.Flag"/>: the visit was made.</summary>
    private IQueryable<RecordFact> Planned(IQueryable<CaseFacts> facts)
    {
        var offset = calendar.OffsetSeconds;
        return from v in db.Set<FollowUpVisit>()
               where v.DueAt != null
               join f in facts on v.CaseId equals f.Id
               select new RecordFact
               {
                   Case = f, Day = (ReportSql.EpochSeconds(v.DueAt) + offset) / 86400, Flag = v.VisitedAt != null,
               };
    }

    /// <summary>Visits done, by their day, with the parties' satisfaction (1–5).</summary>
    private IQueryable<RecordFact> Visited(IQueryable<CaseFacts> facts)
    {
        var offset = calendar.OffsetSeconds;
        return from v in db.Set<FollowUpVisit>()
               where v.VisitedAt != null
               join f in facts on v.CaseId equals f.Id
               select new RecordFact { Case = f, Day = (ReportSql.EpochSeconds(v.VisitedAt) + offset) / 86400, Score = v.Satisfaction };
    }
}
