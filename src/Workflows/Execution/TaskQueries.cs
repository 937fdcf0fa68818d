using System.Linq.Expressions;
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
        if (query.MineOnly && query.User is null) return [];
        var joined = Selected(db, query, now)
            .Join(db.ProcessInstances, t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, i.BusinessKey, i.DefinitionKey })
            .Where(r => query.BusinessKey == null || r.BusinessKey == query.BusinessKey);
        if (query.BusinessKeys is { } keys) joined = joined.Where(r => keys.Contains(r.BusinessKey!));
        var rows = await joined
            .OrderBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.Sequence).ThenBy(r => r.Task.Id)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(ct);
        return rows.Select(r => ToView(r.Task, r.BusinessKey, r.DefinitionKey, now)).ToList();
    }

    public static async Task<IReadOnlyList<string>> BusinessKeysAsync(IWorkflowDbFactory databases, TaskQuery query,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        if (query.MineOnly && query.User is null) return [];
        return await Selected(db, query, now)
            .Join(db.ProcessInstances, t => t.InstanceId, i => i.Id, (t, i) => i.BusinessKey)
            .Where(key => key != null && (query.BusinessKey == null || key == query.BusinessKey))
            .Select(key => key!)
            .Distinct()
            .OrderBy(key => key)
            .Take(Math.Clamp(query.Limit, 1, 10_000))
            .ToListAsync(ct);
    }

    public static async Task<IReadOnlyDictionary<string, int>> CountAssignedAsync(IWorkflowDbFactory databases,
        IReadOnlyCollection<string> users, CancellationToken ct)
    {
        if (users.Count == 0) return new Dictionary<string, int>();
        await using var db = databases.Create();
        var names = users.ToList();
        var counts = await db.UserTasks.AsNoTracking()
            .Where(t => t.Status == UserTaskStatus.Open && t.Assignee != null && names.Contains(t.Assignee))
            .GroupBy(t => t.Assignee!)
            .Select(g => new { User = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return counts.ToDictionary(c => c.User, c => c.Count, StringComparer.Ordinal);
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
        => IsVisibleTo(task, user, groups, [], seeAll);

    /// <summary>
    /// As the inbox decides: a task without a scope is offered to its candidate groups' members
    /// (<paramref name="groups"/>), a scoped one only to those holding one of its groups at a prefix of its scope.
    /// </summary>
    public static bool IsVisibleTo(UserTaskView task, string? user, IReadOnlyCollection<string> groups,
        IReadOnlyCollection<ScopedGroup> scopedGroups, bool seeAll)
        => seeAll || (user is not null && task.Assignee == user)
        || (task.Assignee is null && ((user is not null && task.CandidateUsers.Contains(user))
            || (task.Scope is null
                ? task.CandidateGroups.Any(groups.Contains)
                : scopedGroups.Any(s => task.CandidateGroups.Contains(s.Group) && task.Scope.StartsWith(s.ScopePrefix, StringComparison.Ordinal)))));

    /// <summary>The open tasks the query selects, filtered in SQL (candidate lists are matched as whole comma-separated items).</summary>
    private static IQueryable<UserTaskEntity> Selected(WorkflowDbContext db, TaskQuery query, DateTimeOffset now)
    {
        var open = db.UserTasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open);
        if (query.InstanceId is { } instanceId) open = open.Where(t => t.InstanceId == instanceId);
        if (query.OverdueOnly) open = open.Where(t => t.DueAt != null && t.DueAt < now);
        var user = query.User;
        if (query.MineOnly) return open.Where(t => t.Assignee == user);
        var offered = Offered(query);
        if (query.CandidateOnly) return open.Where(offered);
        if (query.SeeAll) return open;
        return open.Where(Or(t => user != null && t.Assignee == user, offered));
    }

    /// <summary>Unassigned, and offered to the user by name or through one of their groups (scoped or not).</summary>
    private static Expression<Func<UserTaskEntity, bool>> Offered(TaskQuery query)
    {
        Expression<Func<UserTaskEntity, bool>> offer = t => false;
        if (query.User is { } user)
        {
            var item = Item(user);
            offer = Or(offer, t => ("," + t.CandidateUsers + ",").Contains(item));
        }
        foreach (var group in query.Groups.Distinct())
        {
            var item = Item(group);
            offer = Or(offer, t => t.Scope == null && ("," + t.CandidateGroups + ",").Contains(item));
        }
        foreach (var scoped in query.ScopedGroups.Distinct())
        {
            var item = Item(scoped.Group);
            var prefix = scoped.ScopePrefix;
            offer = Or(offer, t => t.Scope != null && t.Scope.StartsWith(prefix) && ("," + t.CandidateGroups + ",").Contains(item));
        }
        return And(t => t.Assignee == null, offer);
    }

    private static string Item(string name) => "," + name + ",";

    private static Expression<Func<UserTaskEntity, bool>> Or(Expression<Func<UserTaskEntity, bool>> left, Expression<Func<UserTaskEntity, bool>> right)
        => Combine(left, right, Expression.OrElse);

    private static Expression<Func<UserTaskEntity, bool>> And(Expression<Func<UserTaskEntity, bool>> left, Expression<Func<UserTaskEntity, bool>> right)
        => Combine(left, right, Expression.AndAlso);

    /// <summary>One lambda from two, on the first's parameter; captured values stay parameters of the SQL.</summary>
    private static Expression<Func<UserTaskEntity, bool>> Combine(Expression<Func<UserTaskEntity, bool>> left,
        Expression<Func<UserTaskEntity, bool>> right, Func<Expression, Expression, BinaryExpression> join)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<UserTaskEntity, bool>>(join(left.Body, body), left.Parameters[0]);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
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
            t.Revision, t.DueProvisional, t.FollowUpProvisional, dueSoon, t.Scope);
    }
}
