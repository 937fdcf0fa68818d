using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>POST /api/points/entries/{id}/confirm</c> <c>{ note? }</c> and <c>/reject</c> <c>{ note }</c> (confirmers): the one
/// decision a pending entry gets, made once (a second answers 409). The caller becomes its approver, and may be neither
/// the one who asked for it nor its recipient. The party guardrail is checked again: parties may have been added since.
/// </summary>
public static class DecideEntry
{
    public sealed record Body(string? Note);

    public static Task<Results<Ok<EntryView>, NotFound, ProblemHttpResult, ValidationProblem>> Confirm(long id, Body? body, ClaimsPrincipal user,
        PointsLedger ledger, CaseParties parties, TimeProvider clock, CancellationToken ct)
        => DecideAsync(id, PointsEntryStatus.Confirmed, body?.Note, user, ledger, parties, clock, ct);

    public static async Task<Results<Ok<EntryView>, NotFound, ProblemHttpResult, ValidationProblem>> Reject(long id, Body? body, ClaimsPrincipal user,
        PointsLedger ledger, CaseParties parties, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Note))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["say why the entry is rejected"] });
        return await DecideAsync(id, PointsEntryStatus.Rejected, body.Note, user, ledger, parties, clock, ct);
    }

    private static async Task<Results<Ok<EntryView>, NotFound, ProblemHttpResult, ValidationProblem>> DecideAsync(long id, PointsEntryStatus decision,
        string? note, ClaimsPrincipal user, PointsLedger ledger, CaseParties parties, TimeProvider clock, CancellationToken ct)
    {
        if (note?.Trim().Length > PointsModelConfiguration.ReasonLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"at most {PointsModelConfiguration.ReasonLength} characters"] });
        var entry = await ledger.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null) return TypedResults.NotFound();
        if (entry.Status != PointsEntryStatus.Pending)
            return TypedResults.Problem(statusCode: 409, title: $"The entry is already {entry.Status.ToString().ToLowerInvariant()}");
        var me = user.UserName();
        var recipient = await ledger.RecipientOfAsync(entry.AccountId, ct);
        if (string.Equals(entry.RequestedBy, me, StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(statusCode: 403, title: "Whoever asked for a points entry cannot also approve it; another confirmer must");
        if (recipient.Kind == PointsAccountKind.Person && string.Equals(recipient.UserName, me, StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(statusCode: 403, title: "No one confirms their own points");
        if (decision == PointsEntryStatus.Confirmed && (entry.BusinessKey is not null || entry.InstanceId is not null)
            && CaseParties.IsParty(await parties.OfCaseAsync(entry.BusinessKey, entry.InstanceId, ct), recipient.Names))
            return TypedResults.Problem(statusCode: 409, title: $"'{recipient.Label}' is now a party to the case: points are never awarded to or deducted from a party; reject the entry");

        var now = clock.GetUtcNow();
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        // Only from Pending: of two confirmers deciding at once, one decides and the other is told it is already done.
        var changed = await ledger.Entries.Where(e => e.Id == id && e.Status == PointsEntryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, decision).SetProperty(e => e.Approver, me)
                .SetProperty(e => e.DecidedAt, now).SetProperty(e => e.DecisionNote, trimmed), ct);
        if (changed == 0) return TypedResults.Problem(statusCode: 409, title: "Someone else decided this entry first");
        return TypedResults.Ok(EntryView.From(await ledger.Entries.AsNoTracking().FirstAsync(e => e.Id == id, ct)));
    }
}
