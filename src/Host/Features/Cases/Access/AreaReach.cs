using System.Security.Claims;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Access;

/// <summary>A role a user holds and the subtree it serves, as a path prefix (<c>/XT/XT-ZCZ/</c>).</summary>
public sealed record ServedRole(string Role, string ServedPath);

/// <summary>
/// Where the signed-in user's memberships reach: an office serves its parent area's subtree (the town's judicial office
/// serves the town), an area unit its own subtree (a supervisor at the county serves the county). Read once per request.
/// </summary>
public sealed class AreaReach(HostDbContext db)
{
    private IReadOnlyList<ServedRole>? cached;
    private string? cachedFor;

    public async Task<IReadOnlyList<ServedRole>> RolesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var name = user.UserName();
        if (cached is not null && cachedFor == name) return cached;
        var rows = await (
            from m in db.Set<Membership>().AsNoTracking()
            where m.UserName == name
            join u in db.Set<OrgUnit>() on m.OrgUnitId equals u.Id
            join p in db.Set<OrgUnit>() on u.ParentId equals p.Id into parents
            from p in parents.DefaultIfEmpty()
            select new { m.Role, u.Kind, u.Path, ParentPath = p == null ? null : p.Path }).ToListAsync(ct);
        cached = rows
            .Select(r => new ServedRole(r.Role, OrgShapes.Offices.Contains(r.Kind) && r.ParentPath is not null ? r.ParentPath : r.Path))
            .Distinct().ToList();
        cachedFor = name;
        return cached;
    }

    /// <summary>The user's candidate groups with where they hold them, for the engine's scoped task offers.</summary>
    public async Task<IReadOnlyList<ScopedGroup>> ScopedGroupsAsync(ClaimsPrincipal user, CancellationToken ct)
        => (await RolesAsync(user, ct)).Select(r => new ScopedGroup(r.Role, r.ServedPath)).ToList();

    /// <summary>The subtrees the user serves in any role, without one that lies inside another.</summary>
    public async Task<IReadOnlyList<string>> ServedPathsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var paths = (await RolesAsync(user, ct)).Select(r => r.ServedPath).Distinct().ToList();
        return paths.Where(p => !paths.Any(o => o != p && p.StartsWith(o, StringComparison.Ordinal))).ToList();
    }
}
