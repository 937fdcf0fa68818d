using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Organisation;

/// <summary><c>GET /api/org/{code}</c>: a unit, the line above it, its children and its members.</summary>
public static class GetOrgUnit
{
    public sealed record UnitRef(string Code, string Name, string Kind);

    public sealed record MemberDto(string UserName, string Role);

    public sealed record Response(string Code, string Name, string Kind, string? ParentCode, IReadOnlyList<string> Path,
        IReadOnlyList<UnitRef> Children, IReadOnlyList<MemberDto> Members);

    public static async Task<Results<Ok<Response>, NotFound>> Handle(string code, HostDbContext db, CancellationToken ct)
    {
        var unit = await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null) return TypedResults.NotFound();
        var children = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.ParentId == unit.Id)
            .Select(u => new UnitRef(u.Code, u.Name, u.Kind.ToString())).ToListAsync(ct);
        var members = await db.Set<Membership>().AsNoTracking().Where(m => m.OrgUnitId == unit.Id)
            .Select(m => new MemberDto(m.UserName, m.Role)).ToListAsync(ct);
        var path = unit.AncestorOrSelfCodes().ToList();
        return TypedResults.Ok(new Response(unit.Code, unit.Name, unit.Kind.ToString(), path.Count > 1 ? path[^2] : null, path,
            children.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(),
            members.OrderBy(m => m.Role, StringComparer.Ordinal).ThenBy(m => m.UserName, StringComparer.Ordinal).ToList()));
    }
}
