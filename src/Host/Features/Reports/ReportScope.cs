using System.Linq.Expressions;
using System.Security.Claims;
using Mediation.Host.Features.Cases;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// The cases a report counts and the area it rolls up under: the caller's reach (the subtrees their memberships serve;
/// administrators everything), narrowed to <c>area</c> when given. <see cref="Prefix"/> is that area's path, and an area
/// grouping counts each case under the unit just below it (a town's villages, a county's towns).
/// </summary>
public sealed record ReportScope(IQueryable<Case> Cases, string Prefix, OrgUnit? Area, IReadOnlyList<OrgUnit> Children);

public sealed record ScopeProblem(string? Field, string Message, int Status);

public sealed class ReportScopes(HostDbContext db, AreaReach reach)
{
    public async Task<(ReportScope? Scope, ScopeProblem? Problem)> ResolveAsync(ClaimsPrincipal user, string? areaCode, CancellationToken ct)
    {
        var admin = user.IsAdministrator();
        var served = admin ? ["/"] : await reach.ServedPathsAsync(user, ct);
        var units = db.Set<OrgUnit>().AsNoTracking();
        OrgUnit? area = null;
        if (areaCode is not null)
        {
            area = await units.FirstOrDefaultAsync(u => u.Code == areaCode, ct);
            if (area is null) return (null, new("area", $"no unit of the organisation tree has the code '{areaCode}'", 400));
            if (OrgShapes.Offices.Contains(area.Kind))
                return (null, new("area", $"'{areaCode}' is an office ({area.Kind}); name the area it serves", 400));
            if (!served.Any(p => area.Path.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(area.Path, StringComparison.Ordinal)))
                return (null, new("area", $"'{areaCode}' lies outside the areas you serve", 403));
        }
        var prefix = area?.Path ?? CommonAncestor(served);
        if (area is null && prefix != "/") area = await units.FirstOrDefaultAsync(u => u.Path == prefix, ct);
        var children = await Children(units, area, ct);
        var cases = Visible(db.Set<Case>().AsNoTracking(), admin, served);
        if (prefix != "/") cases = cases.Where(c => c.AreaPath.StartsWith(prefix));
        return (new ReportScope(cases, prefix, area, children), null);
    }

    private static async Task<IReadOnlyList<OrgUnit>> Children(IQueryable<OrgUnit> units, OrgUnit? area, CancellationToken ct)
    {
        var parentId = area?.Id;
        var rows = await units.Where(u => u.ParentId == parentId).OrderBy(u => u.Code).ToListAsync(ct);
        return rows.Where(u => !OrgShapes.Offices.Contains(u.Kind)).ToList();
    }

    private static IQueryable<Case> Visible(IQueryable<Case> cases, bool admin, IReadOnlyList<string> served)
    {
        if (admin) return cases;
        if (served.Count == 0) return cases.Where(c => false);
        Expression<Func<Case, bool>>? visible = null;
        foreach (var path in served)
        {
            Expression<Func<Case, bool>> one = c => c.AreaPath.StartsWith(path);
            visible = visible is null ? one
                : Expression.Lambda<Func<Case, bool>>(Expression.OrElse(visible.Body, Expression.Invoke(one, visible.Parameters[0])), visible.Parameters);
        }
        return cases.Where(visible!);
    }

    /// <summary>The deepest path every served path lies under (<c>/</c> when they share no unit).</summary>
    private static string CommonAncestor(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return "/";
        var segments = paths[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var path in paths.Skip(1))
        {
            var other = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var same = segments.Zip(other).TakeWhile(p => p.First == p.Second).Count();
            segments = segments.Take(same).ToList();
        }
        return segments.Count == 0 ? "/" : "/" + string.Join('/', segments) + "/";
    }
}
