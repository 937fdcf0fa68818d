using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>GET /api/points/rules</c>, <c>GET /api/points/rules/{id}</c> (every signed-in user: a points list is public, as the
/// village adopts it) and <c>DELETE /api/points/rules/{id}</c> (supervisors, administrators).
/// </summary>
public static class PointsRules
{
    public static async Task<Ok<List<RuleView>>> List(HostDbContext db, CancellationToken ct)
        => TypedResults.Ok((await db.Set<PointsRule>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(RuleView.From).ToList());

    public static async Task<Results<Ok<RuleView>, NotFound>> Get(int id, HostDbContext db, CancellationToken ct)
        => await db.Set<PointsRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } rule
            ? TypedResults.Ok(RuleView.From(rule)) : TypedResults.NotFound();

    /// <summary>A rule that has made entries stays, for their history: switch it off with <c>active: false</c> instead (409).</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(int id, HostDbContext db, CancellationToken ct)
    {
        var rule = await db.Set<PointsRule>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return TypedResults.NotFound();
        if (await db.Set<PointsEntry>().AnyAsync(e => e.RuleId == id, ct))
            return TypedResults.Problem(statusCode: 409, title: "The rule has made entries and stays for their history; set active to false instead");
        db.Remove(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
