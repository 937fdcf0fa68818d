using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records.Agreements;

/// <summary>
/// <c>PUT /api/cases/{caseNumber}/agreement</c> drafts or redrafts the case's agreement (201 the first time, then 200),
/// and <c>GET</c> reads it. A written agreement can be redrafted until the first signature; an oral one takes effect as
/// it is recorded (PML 30). The same body again after it took effect answers 200 (a retry), a different one 409.
/// </summary>
public static class SaveAgreement
{
    public static async Task<Results<Created<AgreementView>, Ok<AgreementView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        string caseNumber, AgreementBody body, ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock,
        ProcessUpdates process, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct, withParties: true) is not { } @case) return TypedResults.NotFound();
        var existing = await db.Set<Agreement>().Include(a => a.Signatures).FirstOrDefaultAsync(a => a.CaseId == @case.Id, ct);
        var errors = new FieldErrors();
        var draft = AgreementValidator.Check(body, @case, clock, errors);
        if (existing is not null && (existing.EffectiveAt is not null || existing.Signatures.Count > 0))
        {
            if (draft is not null && SameContent(existing, draft)) return TypedResults.Ok(AgreementView.Of(@case, existing, clock));
            return TypedResults.Problem(statusCode: 409, title: existing.EffectiveAt is not null
                ? "The agreement has taken effect and can no longer be changed"
                : "Signatures are recorded: the text they signed cannot change");
        }
        if (draft is null) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The agreement is incomplete");

        var (agreement, created) = Apply(existing, draft, @case, user.UserName(), clock.Now());
        if (created) db.Add(agreement);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (created)
        {
            return TypedResults.Problem(statusCode: 409, title: "Someone else drafted this case's agreement at the same time: reload it");
        }
        await process.AgreementTookEffectAsync(@case, agreement, user.UserName(), ct);
        var view = AgreementView.Of(@case, agreement, clock);
        return created ? TypedResults.Created($"/api/cases/{@case.CaseNumber}/agreement", view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<AgreementView>, NotFound>> Get(string caseNumber, ClaimsPrincipal user, CaseRecordAccess cases,
        HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct, withParties: true) is not { } @case) return TypedResults.NotFound();
        var agreement = await db.Set<Agreement>().AsNoTracking().Include(a => a.Signatures).FirstOrDefaultAsync(a => a.CaseId == @case.Id, ct);
        return agreement is null ? TypedResults.NotFound() : TypedResults.Ok(AgreementView.Of(@case, agreement, clock));
    }

    private static (Agreement, bool Created) Apply(Agreement? existing, Agreement draft, Case @case, string actor, DateTimeOffset now)
    {
        var agreement = existing ?? draft;
        if (existing is null)
        {
            draft.CaseId = @case.Id;
            draft.DraftedBy = actor;
            draft.DraftedAt = now;
        }
        else
        {
            existing.Form = draft.Form; existing.AgreementDate = draft.AgreementDate; existing.Facts = draft.Facts;
            existing.Issues = draft.Issues; existing.Responsibilities = draft.Responsibilities; existing.AgreedContent = draft.AgreedContent;
            existing.PerformanceMethod = draft.PerformanceMethod; existing.PerformancePlace = draft.PerformancePlace;
            existing.PerformanceDeadline = draft.PerformanceDeadline; existing.Amount = draft.Amount; existing.Copies = draft.Copies;
            existing.IdentityRelation = draft.IdentityRelation; existing.TitleConfirmation = draft.TitleConfirmation;
            existing.PerformedOnSigning = draft.PerformedOnSigning; existing.Mediator = draft.Mediator; existing.AgreedAt = draft.AgreedAt;
            existing.Version++;
        }
        agreement.UpdatedBy = actor;
        agreement.UpdatedAt = now;
        // An oral agreement takes effect when agreed (PML 30): recording it is the last step.
        if (agreement.Form == AgreementForm.Oral) agreement.EffectiveAt = agreement.AgreedAt;
        return (agreement, existing is null);
    }

    private static bool SameContent(Agreement a, Agreement b)
        => a.Form == b.Form && a.AgreementDate == b.AgreementDate && a.Facts == b.Facts && a.Issues == b.Issues
            && a.Responsibilities == b.Responsibilities && a.AgreedContent == b.AgreedContent && a.PerformanceMethod == b.PerformanceMethod
            && a.PerformancePlace == b.PerformancePlace && a.PerformanceDeadline == b.PerformanceDeadline && a.Amount == b.Amount
            && a.IdentityRelation == b.IdentityRelation && a.TitleConfirmation == b.TitleConfirmation
            && a.PerformedOnSigning == b.PerformedOnSigning && a.Mediator == b.Mediator && a.AgreedAt == b.AgreedAt;
}
