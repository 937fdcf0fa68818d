using System.Security.Claims;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary><c>GET /api/points/accounts/{id}/entries?limit=</c>: the account's ledger, newest first (at most 500).</summary>
public static class ListAccountEntries
{
    public static async Task<Results<Ok<List<EntryView>>, NotFound>> Handle(int id, int? limit, ClaimsPrincipal user, HostDbContext db,
        PointsLedger ledger, CancellationToken ct)
    {
        var account = await db.Set<PointsAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !await ledger.CanReadAsync(user, account, ct)) return TypedResults.NotFound();
        var entries = await ledger.Entries.AsNoTracking().Where(e => e.AccountId == id)
            .OrderByDescending(e => e.Id).Take(Math.Clamp(limit ?? 200, 1, 500)).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(EntryView.From).ToList());
    }
}
