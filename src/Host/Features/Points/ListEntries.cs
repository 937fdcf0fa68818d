using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>GET /api/points/entries?status=Pending</c> (confirmers): the entries waiting for a confirmation, oldest first, so a
/// committee works through them in order; another status lists the newest of that status.
/// </summary>
public static class ListEntries
{
    public static async Task<Results<Ok<List<EntryView>>, ValidationProblem>> Handle(string? status, PointsLedger ledger, CancellationToken ct)
    {
        var wanted = PointsEntryStatus.Pending;
        if (status is not null && (!Enum.TryParse(status, ignoreCase: true, out wanted) || !Enum.IsDefined(wanted)))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not Pending, Confirmed or Rejected"] });
        var query = ledger.Entries.AsNoTracking().Where(e => e.Status == wanted);
        query = wanted == PointsEntryStatus.Pending ? query.OrderBy(e => e.Id) : query.OrderByDescending(e => e.Id);
        return TypedResults.Ok((await query.Take(200).ToListAsync(ct)).Select(EntryView.From).ToList());
    }
}
