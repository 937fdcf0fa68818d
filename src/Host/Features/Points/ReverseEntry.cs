using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>POST /api/points/entries/{id}/reverse</c> <c>{ reason }</c> (supervisors, administrators): corrects a confirmed award or
/// deduction with a reversing entry of the opposite amount, on the same case and rule, so balances and caps net out.
/// Nothing is edited or deleted. An entry is reversed once (409 after); a pending one is rejected instead.
/// </summary>
public static class ReverseEntry
{
    public sealed record Body(string? Reason);

    public static async Task<Results<Created<EntryView>, NotFound, ProblemHttpResult, ValidationProblem>> Handle(long id, Body? body,
        ClaimsPrincipal user, HostDbContext db, PointsLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > PointsModelConfiguration.ReasonLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"say why, in at most {PointsModelConfiguration.ReasonLength} characters"] });
        var original = await ledger.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (original is null) return TypedResults.NotFound();
        if (original.Source is not (PointsEntrySource.Rule or PointsEntrySource.Manual))
            return TypedResults.Problem(statusCode: 409, title: $"A {original.Source.ToString().ToLowerInvariant()} entry is not reversed; only awards and deductions are");
        if (original.Status != PointsEntryStatus.Confirmed)
            return TypedResults.Problem(statusCode: 409, title: $"The entry is {original.Status.ToString().ToLowerInvariant()}, not confirmed: reject a pending entry instead");

        var key = $"reversal:{original.Id}";
        if (await ledger.Entries.AnyAsync(e => e.Key == key, ct)) return AlreadyReversed();
        var now = clock.GetUtcNow();
        var me = user.UserName();
        var reversal = new PointsEntry
        {
            Key = key, AccountId = original.AccountId, Amount = -original.Amount, Status = PointsEntryStatus.Confirmed,
            Source = PointsEntrySource.Reversal, RuleId = original.RuleId, BusinessKey = original.BusinessKey, InstanceId = original.InstanceId,
            ElementId = original.ElementId, TaskId = original.TaskId, Reason = reason, RequestedBy = me, Approver = me,
            CreatedAt = now, DecidedAt = now, ReversalOfId = original.Id,
        };
        db.Add(reversal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two reversals at once: the unique key let the other one in.
            db.ChangeTracker.Clear();
            return AlreadyReversed();
        }
        return TypedResults.Created($"/api/points/accounts/{reversal.AccountId}/entries", EntryView.From(reversal));
    }

    private static ProblemHttpResult AlreadyReversed() => TypedResults.Problem(statusCode: 409, title: "The entry has already been reversed");
}
