using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records.Confirmation;

/// <summary>
/// <c>POST /api/cases/{caseNumber}/confirmation/result</c> <c>{ result: accepted|confirmed|rejected, decidedOn, rulingNumber?,
/// reason? }</c>: the court's acceptance, then its ruling. A ruling sends <c>CourtConfirmationDecided</c> with
/// <c>confirmationResult</c> to the case's process. The same result again answers 200 unchanged; a ruling is final (409).
/// </summary>
public static class RecordConfirmationResult
{
    public sealed record Body(string? Result, string? DecidedOn, string? RulingNumber, string? Reason);

    public static async Task<Results<Ok<ConfirmationView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(string caseNumber, Body body,
        ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, ProcessUpdates process, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var confirmation = await db.Set<JudicialConfirmation>().FirstOrDefaultAsync(j => j.CaseId == @case.Id, ct);
        if (confirmation is null)
            return TypedResults.Problem(statusCode: 409, title: "No application for judicial confirmation is recorded", detail: $"POST /api/cases/{@case.CaseNumber}/confirmation first.");
        var errors = new FieldErrors();
        var result = RecordChecks.Code<ConfirmationStatus>(body.Result, "result", errors, required: true);
        if (result == ConfirmationStatus.Applied) errors.Add("result", "'applied' is not a court's decision: accepted, confirmed or rejected");
        var decidedOn = RecordChecks.PastDate(body.DecidedOn, "decidedOn", clock, errors, "required: the date of the court's decision (yyyy-MM-dd)");
        if (decidedOn < confirmation.AppliedOn) errors.Add("decidedOn", $"{decidedOn:yyyy-MM-dd} is before the application ({confirmation.AppliedOn:yyyy-MM-dd})");
        var ruling = result is ConfirmationStatus.Confirmed or ConfirmationStatus.Rejected;
        var number = RecordChecks.Text(body.RulingNumber, "rulingNumber", RecordLimits.RulingNumberLength, errors,
            ruling ? "required for a ruling: its number, e.g. (2026)鄂9004民特12号" : null);
        var reason = RecordChecks.Text(body.Reason, "reason", RecordLimits.TextLength, errors,
            result == ConfirmationStatus.Rejected ? "required for a rejection: the court's reason" : null);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The court's decision cannot be recorded");

        if (confirmation.Status is ConfirmationStatus.Confirmed or ConfirmationStatus.Rejected || confirmation.Status == result)
        {
            if (confirmation.Status == result)
            {
                // A retry: nothing changes, but a message the first try could not deliver gets another chance.
                await process.ConfirmationDecidedAsync(@case, confirmation, user.UserName(), ct);
                return TypedResults.Ok(ConfirmationView.Of(@case, confirmation));
            }
            return TypedResults.Problem(statusCode: 409, title: $"The court has ruled already ({RecordCodes.Camel(confirmation.Status)})");
        }
        if (result == ConfirmationStatus.Accepted) confirmation.AcceptedOn = decidedOn;
        else
        {
            confirmation.RulingDate = decidedOn;
            confirmation.RulingNumber = number;
            confirmation.RejectionReason = reason;
        }
        confirmation.Status = result!.Value;
        confirmation.DecidedBy = user.UserName();
        confirmation.DecidedAt = clock.Now();
        confirmation.Version++;
        await db.SaveChangesAsync(ct);
        await process.ConfirmationDecidedAsync(@case, confirmation, user.UserName(), ct);
        return TypedResults.Ok(ConfirmationView.Of(@case, confirmation));
    }
}
