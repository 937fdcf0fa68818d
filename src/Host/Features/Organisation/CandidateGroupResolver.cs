using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Organisation;

public sealed record Resolution(string Group, string AreaCode, IReadOnlyList<ResolvedPerson> People);

/// <summary>A person a task for the group would go to, and the unit whose membership made it so.</summary>
public sealed record ResolvedPerson(string UserName, string UnitCode, string UnitName);

public enum ResolveProblem { None, UnknownGroup, UnknownArea }

/// <summary>
/// Who holds a candidate group for a case's area: walks the area's ancestor line nearest first, looking in each level
/// and the offices directly under it (see <see cref="CandidateGroup"/>). Three indexed queries, whatever the depth.
/// </summary>
public sealed class CandidateGroupResolver(HostDbContext db)
{
    public async Task<(Resolution? Resolution, ResolveProblem Problem)> ResolveAsync(string group, string area, CancellationToken ct)
    {
        if (!CandidateGroup.All.TryGetValue(group, out var rule)) return (null, ResolveProblem.UnknownGroup);
        var unit = await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == area, ct);
        if (unit is null) return (null, ResolveProblem.UnknownArea);

        var codes = unit.AncestorOrSelfCodes().ToList();
        var line = await db.Set<OrgUnit>().AsNoTracking().Where(u => codes.Contains(u.Code)).ToListAsync(ct);
        var lineIds = line.Select(u => u.Id).ToList();
        var offices = await db.Set<OrgUnit>().AsNoTracking()
            .Where(u => u.ParentId != null && lineIds.Contains(u.ParentId.Value) && OrgShapes.Offices.Contains(u.Kind)).ToListAsync(ct);
        var unitIds = lineIds.Concat(offices.Select(o => o.Id)).ToList();
        var members = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.Role == group && unitIds.Contains(m.OrgUnitId)).ToListAsync(ct);

        var people = new List<ResolvedPerson>();
        foreach (var level in line.OrderByDescending(u => u.Path.Length).Where(rule.LooksAt))
        {
            var units = offices.Where(o => o.ParentId == level.Id).Prepend(level).Where(rule.Counts).ToList();
            people.AddRange(units.SelectMany(u => members.Where(m => m.OrgUnitId == u.Id)
                .Select(m => new ResolvedPerson(m.UserName, u.Code, u.Name))));
            if (people.Count > 0 && !rule.EveryLevel) break;
        }
        var distinct = people.DistinctBy(p => p.UserName).ToList();
        return (new Resolution(group, unit.Code, distinct), ResolveProblem.None);
    }
}
