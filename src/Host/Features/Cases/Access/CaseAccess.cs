using System.Linq.Expressions;
using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Features.Tasks;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Access;

/// <summary>
/// Who sees a case: administrators all; anyone else a case whose area lies in a subtree one of their memberships
/// serves, or one with an open task assigned or offered to them. Any other case does not exist for them (404).
/// </summary>
public sealed class CaseAccess(HostDbContext db, AreaReach reach, TaskAccess tasks, IWorkflowEngine engine)
{
    /// <summary>How many case numbers the task clause passes to the database at most.</summary>
    private const int TaskKeyLimit = 10_000;

    public async Task<IQueryable<Case>> VisibleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var cases = db.Set<Case>().AsQueryable();
        if (user.IsAdministrator()) return cases;
        var paths = await reach.ServedPathsAsync(user, ct);
        var query = await tasks.QueryForAsync(user, ct: ct) with { Limit = TaskKeyLimit };
        var keys = await engine.ListTaskBusinessKeysAsync(query, ct);
        Expression<Func<Case, bool>> visible = c => keys.Contains(c.CaseNumber);
        foreach (var path in paths)
        {
            visible = Or(visible, c => c.AreaPath.StartsWith(path));
        }
        return cases.Where(visible);
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Case @case, CancellationToken ct)
    {
        if (user.IsAdministrator()) return true;
        if ((await reach.ServedPathsAsync(user, ct)).Any(p => @case.AreaPath.StartsWith(p, StringComparison.Ordinal))) return true;
        var query = await tasks.QueryForAsync(user, ct: ct) with { BusinessKey = @case.CaseNumber, Limit = 1 };
        return (await engine.ListTaskBusinessKeysAsync(query, ct)).Count > 0;
    }

    private static Expression<Func<Case, bool>> Or(Expression<Func<Case, bool>> left, Expression<Func<Case, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Case, bool>>(Expression.OrElse(left.Body, body), left.Parameters[0]);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>
/// The engine's endpoints (instances, journals, messages) by the case rule: an instance or a correlation key that
/// belongs to a case is there only for those who may see the case; one that belongs to no case is the engine's own
/// and keeps the engine's rule.
/// </summary>
public sealed class CaseKeyAccess(HostDbContext db, AreaReach reach, TaskAccess tasks, IWorkflowEngine engine)
{
    public async Task<bool> CanUseAsync(ClaimsPrincipal user, string? businessKey, CancellationToken ct)
        => businessKey is null || !(await HiddenAsync(user, [businessKey], ct)).Contains(businessKey);

    /// <summary>
    /// Of <paramref name="businessKeys"/>, the case numbers the user may not see: the cases in one query, the user's
    /// reach once, and the engine's task keys only when some case lies outside that reach.
    /// </summary>
    public async Task<IReadOnlySet<string>> HiddenAsync(ClaimsPrincipal user, IEnumerable<string?> businessKeys, CancellationToken ct)
    {
        var keys = businessKeys.OfType<string>().Distinct().ToList();
        if (keys.Count == 0 || user.IsAdministrator()) return new HashSet<string>();
        var found = await db.Set<Case>().AsNoTracking().Where(c => keys.Contains(c.CaseNumber))
            .Select(c => new { c.CaseNumber, c.AreaPath }).ToListAsync(ct);
        var paths = await reach.ServedPathsAsync(user, ct);
        var hidden = found.Where(c => !paths.Any(p => c.AreaPath.StartsWith(p, StringComparison.Ordinal))).Select(c => c.CaseNumber).ToHashSet();
        if (hidden.Count == 0) return hidden;
        var query = await tasks.QueryForAsync(user, ct: ct) with { BusinessKey = hidden.Count == 1 ? hidden.Single() : null, Limit = 10_000 };
        hidden.ExceptWith(await engine.ListTaskBusinessKeysAsync(query, ct));
        return hidden;
    }
}
