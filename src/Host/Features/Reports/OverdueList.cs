using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// 超期未结: the open cases past their deadline, the most overdue first, each with its stage (the open tasks it waits
/// in) and owner (the assignee, else the candidate groups). The count is the database's; the list is capped.
/// </summary>
public sealed class OverdueList(HostDbContext db, IWorkflowEngine engine)
{
    /// <summary>Written when a case waits in no user task (a service task, a timer, a message, or a start not made yet).</summary>
    public const string NoTask = "（无待办）";

    public async Task<OverdueCases> ListAsync(IQueryable<CaseFacts> facts, DateOnly today, int limit, CancellationToken ct)
    {
        var overdue = CaseCounts.Overdue(facts, today);
        var total = await overdue.CountAsync(ct);
        var rows = await overdue.OrderBy(f => f.DueDay).ThenBy(f => f.CaseNumber).Take(limit)
            .Select(f => new { f.CaseNumber, f.Category, f.AreaCode, f.CreatedDay, f.DueDay })
            .ToListAsync(ct);
        var codes = rows.Select(r => r.AreaCode).Distinct().ToList();
        var names = await db.Set<OrgUnit>().AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var todayNumber = ReportCalendar.Day(today);
        var tasksByCase = await OpenTasksAsync(rows.Select(r => r.CaseNumber).ToList(), ct);
        var cases = new List<OverdueCase>(rows.Count);
        foreach (var r in rows)
        {
            var tasks = tasksByCase[r.CaseNumber].ToList();
            var stage = tasks.Select(t => t.Name ?? t.ElementId).Distinct().ToList();
            var owners = tasks.Select(Owner).Distinct().ToList();
            cases.Add(new OverdueCase(r.CaseNumber, r.Category, ReportLabels.Category(r.Category), r.AreaCode, names.GetValueOrDefault(r.AreaCode),
                ReportCalendar.Date(r.CreatedDay), ReportCalendar.Date(r.DueDay), (int)(todayNumber - r.DueDay),
                stage.Count == 0 ? [NoTask] : stage, owners.Count == 0 ? [NoTask] : owners));
        }
        return new OverdueCases(total, cases, CountBy(cases, c => c.Stage), CountBy(cases, c => c.Owners));
    }

    /// <summary>The listed cases' open tasks, a query per <see cref="CasesPerQuery"/> cases rather than one per case.</summary>
    private async Task<ILookup<string, UserTaskView>> OpenTasksAsync(List<string> caseNumbers, CancellationToken ct)
    {
        var tasks = new List<UserTaskView>();
        foreach (var chunk in caseNumbers.Chunk(CasesPerQuery))
            tasks.AddRange(await engine.ListTasksAsync(new TaskQuery { SeeAll = true, BusinessKeys = chunk, Limit = 1000 }, ct));
        return tasks.ToLookup(t => t.BusinessKey ?? "", StringComparer.Ordinal);
    }

    // The engine answers at most 1,000 tasks a query; a case waits in a few at a time.
    private const int CasesPerQuery = 100;

    private static string Owner(UserTaskView task)
        => task.Assignee ?? (task.CandidateGroups.Count > 0 ? string.Join("/", task.CandidateGroups)
            : task.CandidateUsers.Count > 0 ? string.Join("/", task.CandidateUsers) : "（未分派）");

    private static List<NamedCount> CountBy(IEnumerable<OverdueCase> cases, Func<OverdueCase, IReadOnlyList<string>> names)
        => cases.SelectMany(names).GroupBy(n => n).Select(g => new NamedCount(g.Key, g.Count()))
            .OrderByDescending(n => n.Count).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();
}
