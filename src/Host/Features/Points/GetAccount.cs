using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>An account's balance (the database's sum of its confirmed entries) and the points pending.</summary>
public static class GetAccount
{
    /// <summary><c>GET /api/points/me</c>: the caller's own person account; id null and zero before the first points.</summary>
    public static async Task<Ok<AccountView>> Mine(ClaimsPrincipal user, PointsLedger ledger, CancellationToken ct)
    {
        var recipient = new Recipient(PointsAccountKind.Person, user.UserName(), null);
        if (await ledger.FindAccountAsync(recipient, ct) is { } account) return TypedResults.Ok(await ledger.ViewAsync(account, ct));
        return TypedResults.Ok(new AccountView(null, nameof(PointsAccountKind.Person), user.UserName(), null, user.UserName(), 0, 0));
    }

    /// <summary><c>GET /api/points/accounts/{id}</c>: 404 for an account the caller may not read.</summary>
    public static async Task<Results<Ok<AccountView>, NotFound>> ById(int id, ClaimsPrincipal user, HostDbContext db, PointsLedger ledger, CancellationToken ct)
    {
        var account = await db.Set<PointsAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !await ledger.CanReadAsync(user, account, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await ledger.ViewAsync(account, ct));
    }

    /// <summary><c>GET /api/points/accounts?userName=|household=</c>: the account of a user or a household unit.</summary>
    public static async Task<Results<Ok<AccountView>, NotFound, ValidationProblem>> Find(string? userName, string? household,
        ClaimsPrincipal user, PointsLedger ledger, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) == string.IsNullOrWhiteSpace(household))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["give either userName or household (a unit code)"] });
        var recipient = userName is not null ? await ledger.UserAsync(userName) : await ledger.HouseholdAsync(household, ct);
        var account = recipient is null ? null : await ledger.FindAccountAsync(recipient, ct);
        if (account is null || !await ledger.CanReadAsync(user, account, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await ledger.ViewAsync(account, ct));
    }
}
