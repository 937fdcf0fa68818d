using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>The inbox queries: a user's own tasks, the tasks offered to them, the overdue ones.</summary>
internal static class TaskQueries
{
    public static async Task<IReadOnlyList<UserTaskView>> ListAsync(IWorkflowDbFactory databases, TaskQuery query,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        var open = db.UserTasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open);
        if (query.InstanceId is { } instanceId) open = open.Where(t => t.InstanceId == instanceId);
        if (query.OverdueOnly) open = open.Where(t => t.DueAt != null && t.DueAt < now);
        if (query.MineOnly)
        {
            if (query.User is null) return [];
            open = open.Where(t => t.Assignee == query.User);
        }
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var ordered = open
            .Join(db.ProcessInstances, t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, i.BusinessKey, i.DefinitionKey })
            .OrderBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.Sequence).ThenBy(r => r.Task.Id);
        // Candidate matching works on comma-separated lists, exactly, in memory; read in pages until the limit is filled.
        var result = new List<UserTaskView>();
        for (var skip = 0; result.Count < limit; skip += limit * 4)
        {
            var page = await ordered.Skip(skip).Take(limit * 4).ToListAsync(ct);
            result.AddRange(page.Where(r => Visible(r.Task, query)).Take(limit - result.Count)
                .Select(r => ToView(r.Task, r.BusinessKey, r.DefinitionKey, now)));
            if (page.Count < limit * 4) break;
        }
        return result;
    }

    public static async Task<UserTaskView?> GetAsync(IWorkflowDbFactory databases, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        var row = await db.UserTasks.AsNoTracking().Where(t => t.Id == id)
            .Join(db.ProcessInstances, t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, i.BusinessKey, i.DefinitionKey })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : ToView(row.Task, row.BusinessKey, row.DefinitionKey, now);
    }

    /// <summary>Whether a user may see (and so work) a task: theirs, offered to them, or they see everything.</summary>
    public static bool IsVisibleTo(UserTaskView task, string? user, IReadOnlyCollection<string> groups, bool seeAll)
        => seeAll || (user is not null && task.Assignee == user)
        || (task.Assignee is null && ((user is not null && task.CandidateUsers.Contains(user)) || task.CandidateGroups.Any(groups.Contains)));

    private static bool Visible(UserTaskEntity task, TaskQuery query)
    {
        var candidate = task.Assignee is null
            && ((query.User is not null && Split(task.CandidateUsers).Contains(query.User)) || Split(task.CandidateGroups).Any(query.Groups.Contains));
        if (query.CandidateOnly) return candidate;
        if (query.MineOnly) return true;
        return query.SeeAll || candidate || (query.User is not null && task.Assignee == query.User);
    }

    private static string[] Split(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static UserTaskView ToView(UserTaskEntity t, string? businessKey, string definitionKey, DateTimeOffset now)
    {
        var overdue = t.OverdueSince is not null || (t.DueAt is { } due && due < now);
        // Due soon: not overdue yet, but the due date is within a day, or the follow-up date (Camunda's "look at it
        // again from") has come.
        var dueSoon = !overdue && t.Status == UserTaskStatus.Open
            && ((t.DueAt is { } d && d < now + UserTaskView.DueSoonWindow) || (t.FollowUpAt is { } f && f <= now));
        return new(t.Id, t.InstanceId, businessKey, definitionKey, t.ElementId, t.Name, t.Assignee, Split(t.CandidateGroups),
            Split(t.CandidateUsers), t.Status.ToString(), t.CreatedAt, t.DueAt, t.FollowUpAt, overdue, t.Priority, t.FormKey,
            t.Revision, t.DueProvisional, t.FollowUpProvisional, dueSoon);
    }
}
