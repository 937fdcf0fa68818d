using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>POST /api/points/entries</c> <c>{ userName | householdCode, amount, reason, businessKey?, operationId? }</c>
/// (confirmers): asks for a manual award (amount &gt; 0) or deduction (&lt; 0). It is written Pending and counts only once
/// another confirmer approves it (<c>POST /api/points/entries/{id}/confirm</c>): a manual entry always has an approver.
/// Refused with a 400 naming the field: a party of the case (or of any open case, when none is named), a case over its
/// cap, an unknown recipient or case. The same <c>operationId</c> again answers 200 with the first entry.
/// </summary>
public static class AddManualEntry
{
    public const int MaxAmount = 100;

    public sealed record Body(string? UserName, string? HouseholdCode, int? Amount, string? Reason, string? BusinessKey, string? OperationId);

    public static async Task<Results<Created<EntryView>, Ok<EntryView>, ValidationProblem>> Handle(Body body, ClaimsPrincipal user,
        HostDbContext db, PointsLedger ledger, CaseParties parties, IOptions<PointsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var key = $"manual:{(string.IsNullOrWhiteSpace(body.OperationId) ? Guid.NewGuid().ToString("n") : body.OperationId.Trim())}";
        if (await ledger.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, ct) is { } replay) return TypedResults.Ok(EntryView.From(replay));
        var (recipient, errors) = await CheckAsync(body, ledger, parties, options.Value, ct);
        if (recipient is null || errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The points entry cannot be made");

        var account = await ledger.AccountForAsync(recipient, ct);
        var entry = new PointsEntry
        {
            Key = key, AccountId = account.Id, Amount = body.Amount!.Value, Status = PointsEntryStatus.Pending, Source = PointsEntrySource.Manual,
            BusinessKey = Blank(body.BusinessKey), Reason = body.Reason!.Trim(), RequestedBy = user.UserName(), CreatedAt = clock.GetUtcNow(),
        };
        db.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same operation id, sent twice at once: the first one stands.
            db.ChangeTracker.Clear();
            return TypedResults.Ok(EntryView.From(await ledger.Entries.AsNoTracking().FirstAsync(e => e.Key == key, ct)));
        }
        return TypedResults.Created($"/api/points/accounts/{account.Id}/entries", EntryView.From(entry));
    }

    private static async Task<(Recipient?, Dictionary<string, string[]>)> CheckAsync(Body body, PointsLedger ledger, CaseParties parties,
        PointsOptions options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var field = string.IsNullOrWhiteSpace(body.HouseholdCode) ? "userName" : "householdCode";
        if (string.IsNullOrWhiteSpace(body.UserName) == string.IsNullOrWhiteSpace(body.HouseholdCode))
            errors[field] = ["give either userName (a person) or householdCode (a household unit)"];
        if (body.Amount is not { } amount || amount == 0 || Math.Abs(amount) > MaxAmount)
            errors["amount"] = [$"a whole number of points between -{MaxAmount} and {MaxAmount}, not 0"];
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Trim().Length > PointsModelConfiguration.ReasonLength)
            errors["reason"] = [$"say why, in at most {PointsModelConfiguration.ReasonLength} characters"];
        if (body.OperationId?.Trim().Length > 100) errors["operationId"] = ["at most 100 characters"];
        var businessKey = Blank(body.BusinessKey);
        if (businessKey is not null && !await parties.CaseExistsAsync(businessKey, ct)) errors["businessKey"] = [$"no case has the business key '{businessKey}'"];
        if (errors.Count > 0) return (null, errors);

        var recipient = field == "userName" ? await ledger.UserAsync(body.UserName) : await ledger.HouseholdAsync(body.HouseholdCode, ct);
        if (recipient is null)
        {
            errors[field] = [field == "userName" ? $"no user is called '{body.UserName}'" : $"'{body.HouseholdCode}' is not a household or lead household unit"];
            return (null, errors);
        }
        var partyOf = businessKey is not null
            ? (CaseParties.IsParty(await parties.OfCaseAsync(businessKey, null, ct), recipient.Names) ? businessKey : null)
            : await parties.OpenCaseNamingPartyAsync(recipient.Names, ct);
        if (partyOf is not null)
            errors[field] = [$"'{recipient.Label}' is a party to case {partyOf}: points are never awarded to or deducted from a party (mediation is voluntary, PML 3, 17, 23)"];
        else if (businessKey is not null && body.Amount > 0 && await EarnedAsync(ledger, recipient, businessKey, ct) + body.Amount > options.MaxPerCase)
            errors["amount"] = [$"'{recipient.Label}' would pass the cap of {options.MaxPerCase} points on case {businessKey}"];
        return (recipient, errors);
    }

    private static async Task<int> EarnedAsync(PointsLedger ledger, Recipient recipient, string businessKey, CancellationToken ct)
        => await ledger.FindAccountAsync(recipient, ct) is { } account ? await ledger.EarnedOnCaseAsync(account.Id, businessKey, null, null, ct) : 0;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
