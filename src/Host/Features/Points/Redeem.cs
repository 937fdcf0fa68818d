using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>POST /api/points/accounts/{id}/redemptions</c> <c>{ points, item, operationId? }</c> (the account's owner, supervisors,
/// administrators): spends points at the points shop (积分超市) or on a service. More than the balance is refused with a
/// 400 naming <c>points</c>; two redemptions racing for one balance cannot both pass (the second answers 409).
/// </summary>
public static class Redeem
{
    public const int MaxPoints = 10_000;

    public sealed record Body(int? Points, string? Item, string? OperationId);

    public static async Task<Results<Created<RedemptionView>, Ok<RedemptionView>, NotFound, ProblemHttpResult, ValidationProblem>> Handle(
        int id, Body body, ClaimsPrincipal user, HostDbContext db, PointsLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var account = await db.Set<PointsAccount>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !await ledger.CanReadAsync(user, account, ct)) return TypedResults.NotFound();
        var key = $"redemption:{id}:{(string.IsNullOrWhiteSpace(body.OperationId) ? Guid.NewGuid().ToString("n") : body.OperationId.Trim())}";
        if (await ReplayAsync(db, ledger, key, ct) is { } replay) return TypedResults.Ok(replay);
        var errors = Check(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The points cannot be redeemed");
        var balance = await ledger.BalanceAsync(id, ct);
        if (body.Points > balance)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["points"] = [$"the balance is {balance}: {body.Points} cannot be redeemed"] },
                title: "Not enough points");
        }

        var redemption = new Redemption { Id = Guid.NewGuid(), AccountId = id, Points = body.Points!.Value, Item = body.Item!.Trim(), RecordedBy = user.UserName(), At = clock.GetUtcNow() };
        db.Add(redemption);
        db.Add(new PointsEntry
        {
            Key = key, AccountId = id, Amount = -redemption.Points, Status = PointsEntryStatus.Confirmed, Source = PointsEntrySource.Redemption,
            Reason = redemption.Item, RequestedBy = redemption.RecordedBy, Approver = redemption.RecordedBy, CreatedAt = redemption.At,
            DecidedAt = redemption.At, RedemptionId = redemption.Id,
        });
        // The balance was read above; the account's revision makes a redemption committed since then fail this one.
        account.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return TypedResults.Problem(statusCode: 409, title: "Another redemption changed this balance first; look at the balance and try again");
        }
        return TypedResults.Created($"/api/points/accounts/{id}", new RedemptionView(redemption.Id, id, redemption.Points, redemption.Item,
            redemption.RecordedBy, redemption.At, balance - redemption.Points));
    }

    private static Dictionary<string, string[]> Check(Body body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Points is not (> 0 and <= MaxPoints)) errors["points"] = [$"a whole number of points from 1 to {MaxPoints}"];
        if (string.IsNullOrWhiteSpace(body.Item) || body.Item.Trim().Length > PointsModelConfiguration.NameLength)
            errors["item"] = [$"what the points buy, in at most {PointsModelConfiguration.NameLength} characters"];
        if (body.OperationId?.Trim().Length > 100) errors["operationId"] = ["at most 100 characters"];
        return errors;
    }

    private static async Task<RedemptionView?> ReplayAsync(HostDbContext db, PointsLedger ledger, string key, CancellationToken ct)
    {
        var entry = await ledger.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, ct);
        if (entry?.RedemptionId is not { } redemptionId) return null;
        var r = await db.Set<Redemption>().AsNoTracking().FirstAsync(x => x.Id == redemptionId, ct);
        return new RedemptionView(r.Id, r.AccountId, r.Points, r.Item, r.RecordedBy, r.At, await ledger.BalanceAsync(r.AccountId, ct));
    }
}
