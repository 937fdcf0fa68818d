using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>GET /api/points/board?unit=CODE</c>: the public posting (公示) of a unit's subtree: each household in it and each person
/// holding a role in it, with their total and "mediation service +N" for the last days. Nothing else: never the case,
/// the task, the reason or a party (DOMAIN §5). Without <c>unit</c>, every account.
/// </summary>
public static class GetBoard
{
    public sealed record Line(string Name, string Kind, int Total, string Service);

    public sealed record Board(string? Unit, int Days, IReadOnlyList<Line> Lines);

    public static async Task<Results<Ok<Board>, ValidationProblem>> Handle(string? unit, HostDbContext db, IOptions<PointsOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var prefix = "/";
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var root = await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == unit.Trim(), ct);
            if (root is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["unit"] = [$"no unit has the code '{unit}'"] });
            prefix = root.Path;
        }
        var days = options.Value.BoardDays;
        var since = clock.GetUtcNow().AddDays(-days);
        var units = db.Set<OrgUnit>().Where(u => u.Path.StartsWith(prefix));
        var accounts = db.Set<PointsAccount>().Where(a =>
            (a.OrgUnitId != null && units.Any(u => u.Id == a.OrgUnitId))
            || (a.UserName != null && db.Set<Membership>().Any(m => m.UserName == a.UserName && units.Any(u => u.Id == m.OrgUnitId))));
        // Redemptions are the owner's business; the board counts what was earned (awards, deductions, reversals).
        var sums = await db.Set<PointsEntry>()
            .Where(e => e.Status == PointsEntryStatus.Confirmed && e.Source != PointsEntrySource.Redemption && accounts.Any(a => a.Id == e.AccountId))
            .GroupBy(e => e.AccountId)
            .Select(g => new { AccountId = g.Key, Total = g.Sum(e => e.Amount), Recent = g.Sum(e => e.CreatedAt >= since ? e.Amount : 0) })
            .ToListAsync(ct);
        var ids = sums.Select(s => s.AccountId).ToList();
        var names = await db.Set<PointsAccount>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Kind, Name = a.UserName ?? db.Set<OrgUnit>().Where(u => u.Id == a.OrgUnitId).Select(u => u.Name).First() })
            .ToDictionaryAsync(a => a.Id, ct);
        var lines = sums.Select(s => new Line(names[s.AccountId].Name, names[s.AccountId].Kind.ToString(), s.Total, Service(s.Recent)))
            .OrderByDescending(l => l.Total).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Board(string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(), days, lines));
    }

    private static string Service(int points) => points < 0 ? $"mediation service {points}" : $"mediation service +{points}";
}
