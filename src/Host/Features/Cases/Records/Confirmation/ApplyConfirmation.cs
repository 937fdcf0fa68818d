using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records.Confirmation;

/// <summary>
/// <c>POST /api/cases/{caseNumber}/confirmation</c> records the parties' joint application to a court; refused with a 400
/// when the matter is excluded or the 30-day window has passed (<see cref="ConfirmationRules"/>). <c>GET</c> reads it.
/// </summary>
public static class ApplyConfirmation
{
    public const string Kind = "confirmation";

    public sealed record Body(string? OperationId, string? AppliedOn, string? Court, bool? JointApplication);

    public static async Task<Results<Created<ConfirmationView>, Ok<ConfirmationView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        string caseNumber, Body body, ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var operationId = RecordChecks.OperationId(body.OperationId, errors);
        switch (await RecordOperations.FindAsync(db, operationId, @case.Id, Kind, ct))
        {
            case (RecordOperations.Seen.Replay, _): return TypedResults.Ok(ConfirmationView.Of(@case, await LoadAsync(db, @case, ct)));
            case (RecordOperations.Seen.OtherRequest, _): return RecordSession.Reused();
        }
        if (await db.Set<JudicialConfirmation>().AnyAsync(j => j.CaseId == @case.Id, ct))
            return TypedResults.Problem(statusCode: 409, title: "Judicial confirmation has already been applied for on this case");
        var agreement = await db.Set<Agreement>().AsNoTracking().FirstOrDefaultAsync(a => a.CaseId == @case.Id, ct);
        var confirmation = Check(body, @case, agreement, clock, errors);
        if (confirmation is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Judicial confirmation cannot be applied for");

        confirmation.AppliedBy = user.UserName();
        db.Add(confirmation);
        RecordOperations.Track(db, operationId, @case.Id, Kind, Kind, confirmation.AppliedAt);
        try
        {
            if (await RecordOperations.SaveAsync(db, operationId, @case.Id, Kind, ct) is not null)
                return TypedResults.Ok(ConfirmationView.Of(@case, await LoadAsync(db, @case, ct)));
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: 409, title: "Judicial confirmation has already been applied for on this case");
        }
        return TypedResults.Created($"/api/cases/{@case.CaseNumber}/confirmation", ConfirmationView.Of(@case, confirmation));
    }

    private static JudicialConfirmation? Check(Body body, Case @case, Agreement? agreement, RecordClock clock, FieldErrors errors)
    {
        var appliedOn = RecordChecks.PastDate(body.AppliedOn, "appliedOn", clock, errors, "required: the date the application was filed (yyyy-MM-dd)");
        var court = RecordChecks.Text(body.Court, "court", RecordLimits.PlaceLength, errors, "required: the court applied to");
        if (body.JointApplication != true)
            errors.Add("jointApplication", "the parties must apply jointly (PML 33): record true when every party applied");
        if (ConfirmationRules.Excluded(@case, agreement) is { } excluded)
        {
            errors.Add(excluded.Field, excluded.Message);
            return null;
        }
        var (endsAt, provisional) = ConfirmationRules.Window(agreement!, clock);
        if (appliedOn is { } day)
        {
            var effectiveOn = clock.LocalDate(agreement!.EffectiveAt!.Value);
            if (day < effectiveOn)
                errors.Add("appliedOn", $"{day:yyyy-MM-dd} is before the agreement took effect ({effectiveOn:yyyy-MM-dd})");
            else if (day > clock.LocalDate(endsAt))
                errors.Add("appliedOn", $"{day:yyyy-MM-dd} is after the 30-day window, which ended {clock.Format(endsAt)} (legalDays from {clock.Format(agreement.EffectiveAt.Value)}; PML 33)");
        }
        if (errors.Any) return null;
        return new JudicialConfirmation
        {
            CaseId = @case.Id, AgreementId = agreement!.Id, AppliedOn = appliedOn!.Value, Court = court!, WindowEndsAt = endsAt,
            WindowProvisional = provisional, AppliedBy = "", AppliedAt = clock.Now(), Status = ConfirmationStatus.Applied,
        };
    }

    public static async Task<Results<Ok<ConfirmationView>, NotFound>> Get(string caseNumber, ClaimsPrincipal user, CaseRecordAccess cases,
        HostDbContext db, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var confirmation = await db.Set<JudicialConfirmation>().AsNoTracking().FirstOrDefaultAsync(j => j.CaseId == @case.Id, ct);
        return confirmation is null ? TypedResults.NotFound() : TypedResults.Ok(ConfirmationView.Of(@case, confirmation));
    }

    internal static Task<JudicialConfirmation> LoadAsync(HostDbContext db, Case @case, CancellationToken ct)
        => db.Set<JudicialConfirmation>().AsNoTracking().FirstAsync(j => j.CaseId == @case.Id, ct);
}

public sealed record ConfirmationView(string CaseNumber, string Status, DateOnly AppliedOn, string Court, DateTimeOffset WindowEndsAt,
    bool WindowProvisional, string AppliedBy, DateTimeOffset AppliedAt, DateOnly? AcceptedOn, DateOnly? RulingDate, string? RulingNumber,
    string? RejectionReason, string? DecidedBy, DateTimeOffset? DecidedAt, string? MessageOutcome, DateTimeOffset? MessageDeliveredAt)
{
    public static ConfirmationView Of(Case c, JudicialConfirmation j) => new(c.CaseNumber, RecordCodes.Camel(j.Status), j.AppliedOn, j.Court,
        j.WindowEndsAt, j.WindowProvisional, j.AppliedBy, j.AppliedAt, j.AcceptedOn, j.RulingDate, j.RulingNumber, j.RejectionReason,
        j.DecidedBy, j.DecidedAt, j.MessageOutcome, j.MessageDeliveredAt);
}
