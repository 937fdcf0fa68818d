using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Organisation;

/// <summary><c>GET /api/org?root=XT-ZCZ</c>: the whole tree, or the subtree under one unit, nested.</summary>
public static class GetTree
{
    public sealed record Node(string Code, string Name, string Kind, List<Node> Children);

    public static async Task<Results<Ok<List<Node>>, NotFound>> Handle(string? root, HostDbContext db, CancellationToken ct)
    {
        var units = db.Set<OrgUnit>().AsNoTracking();
        if (!string.IsNullOrEmpty(root))
        {
            var top = await units.FirstOrDefaultAsync(u => u.Code == root, ct);
            if (top is null) return TypedResults.NotFound();
            // Codes hold no LIKE wildcards, so the path is a plain prefix pattern that each provider serves from the Path index.
            units = units.Where(u => EF.Functions.Like(u.Path, top.Path + "%"));
        }
        var all = await units.ToListAsync(ct);
        return TypedResults.Ok(Nest(all));
    }

    private static List<Node> Nest(List<OrgUnit> units)
    {
        var nodes = units.ToDictionary(u => u.Id, u => new Node(u.Code, u.Name, u.Kind.ToString(), []));
        var roots = new List<Node>();
        foreach (var unit in units.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if (unit.ParentId is { } parent && nodes.TryGetValue(parent, out var above)) above.Children.Add(nodes[unit.Id]);
            else roots.Add(nodes[unit.Id]);
        }
        return roots;
    }
}
