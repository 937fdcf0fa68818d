using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// Follow-up visits 回访 (PML 31): <c>POST /api/cases/{caseNumber}/followups</c> <c>{ dueAt?, visit?, operationId? }</c> plans one
/// (and may record it done at once), <c>POST .../followups/{id}/visit</c> records a planned one done, <c>GET .../followups</c>
/// lists them. The process plans them too (<c>scheduleFollowUp</c>).
/// </summary>
public static class FollowUps
{
    public const string Kind = "followUp";

    public sealed record Body(string? OperationId, string? DueAt, VisitBody? Visit);

    /// <summary><c>performed</c> fully|partly|not; <c>satisfaction</c> 1–5.</summary>
    public sealed record VisitBody(string? VisitedAt, string? VisitedBy, string? Performed, int? Satisfaction, bool? NewRisk, string? Notes);

    public static async Task<Results<Created<FollowUpView>, Ok<FollowUpView>, ValidationProblem, NotFound, ProblemHttpResult>> Plan(string caseNumber,
        Body body, ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var operationId = RecordChecks.OperationId(body.OperationId, errors);
        switch (await RecordOperations.FindAsync(db, operationId, @case.Id, Kind, ct))
        {
            case (RecordOperations.Seen.Replay, var id): return TypedResults.Ok(await LoadAsync(db, Guid.Parse(id!), ct));
            case (RecordOperations.Seen.OtherRequest, _): return RecordSession.Reused();
        }
        var dueAt = Due(body.DueAt, clock, errors);
        if (dueAt is null && body.Visit is null && !errors.Has("dueAt"))
            errors.Add("dueAt", "required: when the visit is due (yyyy-MM-dd or a date-time), or the visit itself in 'visit'");
        var followUp = new FollowUpVisit
        {
            Id = Guid.CreateVersion7(clock.Now()), CaseId = @case.Id, DueAt = dueAt, PlannedBy = user.UserName(), PlannedAt = clock.Now(),
        };
        if (body.Visit is { } visit) CheckVisit(visit, "visit.", followUp, user.UserName(), clock, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The follow-up visit cannot be recorded");

        db.Add(followUp);
        RecordOperations.Track(db, operationId, @case.Id, Kind, followUp.Id.ToString(), followUp.PlannedAt);
        if (await RecordOperations.SaveAsync(db, operationId, @case.Id, Kind, ct) is { } first) return TypedResults.Ok(await LoadAsync(db, Guid.Parse(first), ct));
        return TypedResults.Created($"/api/cases/{@case.CaseNumber}/followups/{followUp.Id}", FollowUpView.Of(followUp));
    }

    public static async Task<Results<Ok<FollowUpView>, ValidationProblem, NotFound, ProblemHttpResult>> Visit(string caseNumber, Guid id,
        VisitBody body, ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var followUp = await db.Set<FollowUpVisit>().FirstOrDefaultAsync(f => f.Id == id && f.CaseId == @case.Id, ct);
        if (followUp is null) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var done = new FollowUpVisit { PlannedBy = "" };
        CheckVisit(body, "", done, user.UserName(), clock, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The follow-up visit cannot be recorded");
        if (followUp.VisitedAt is not null)
        {
            return SameVisit(followUp, done) ? TypedResults.Ok(FollowUpView.Of(followUp))
                : TypedResults.Problem(statusCode: 409, title: "This visit is recorded already", detail: "Plan another follow-up for another visit.");
        }
        (followUp.VisitedAt, followUp.VisitedBy, followUp.Performed, followUp.Satisfaction, followUp.NewRisk, followUp.Notes) =
            (done.VisitedAt, done.VisitedBy, done.Performed, done.Satisfaction, done.NewRisk, done.Notes);
        (followUp.RecordedBy, followUp.RecordedAt) = (done.RecordedBy, done.RecordedAt);
        followUp.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(FollowUpView.Of(followUp));
    }

    public static async Task<Results<Ok<IReadOnlyList<FollowUpView>>, NotFound>> List(string caseNumber, ClaimsPrincipal user,
        CaseRecordAccess cases, HostDbContext db, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var rows = await db.Set<FollowUpVisit>().AsNoTracking().Where(f => f.CaseId == @case.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<FollowUpView>>(rows.OrderBy(f => f.DueAt ?? f.VisitedAt).ThenBy(f => f.Id).Select(FollowUpView.Of).ToList());
    }

    /// <summary>A bare date is due by the end of that day; a date-time as given. The past is allowed: a visit planned late is still planned.</summary>
    private static DateTimeOffset? Due(string? value, RecordClock clock, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (text.Length == 10) return RecordChecks.Date(text, "dueAt", errors, required: null) is { } day ? clock.EndOfDay(day) : null;
        if (clock.ReadInstant(text) is { } at) return at;
        errors.Add("dueAt", $"'{value}' is neither a date (yyyy-MM-dd) nor an ISO 8601 date-time");
        return null;
    }

    private static void CheckVisit(VisitBody visit, string prefix, FollowUpVisit into, string actor, RecordClock clock, FieldErrors errors)
    {
        into.VisitedAt = RecordChecks.Past(visit.VisitedAt, $"{prefix}visitedAt", clock, errors, "required: when the visit took place");
        into.VisitedBy = RecordChecks.Text(visit.VisitedBy, $"{prefix}visitedBy", RecordLimits.NameLength, errors, "required: who visited");
        into.Performed = RecordChecks.Code<Performance>(visit.Performed, $"{prefix}performed", errors, required: true);
        if (visit.Satisfaction is not { } score) errors.Add($"{prefix}satisfaction", "required: the parties' satisfaction, 1 (very dissatisfied) to 5 (very satisfied)");
        else if (score is < 1 or > 5) errors.Add($"{prefix}satisfaction", $"{score} is not from 1 to 5");
        else into.Satisfaction = score;
        if (visit.NewRisk is null) errors.Add($"{prefix}newRisk", "required: true if the visit found a new risk (a renewed quarrel, threats), else false");
        into.NewRisk = visit.NewRisk;
        into.Notes = RecordChecks.Text(visit.Notes, $"{prefix}notes", RecordLimits.TextLength, errors, required: null);
        into.RecordedBy = actor;
        into.RecordedAt = clock.Now();
    }

    private static bool SameVisit(FollowUpVisit a, FollowUpVisit b)
        => a.VisitedAt == b.VisitedAt && a.VisitedBy == b.VisitedBy && a.Performed == b.Performed && a.Satisfaction == b.Satisfaction
            && a.NewRisk == b.NewRisk && a.Notes == b.Notes;

    private static async Task<FollowUpView> LoadAsync(HostDbContext db, Guid id, CancellationToken ct)
        => FollowUpView.Of(await db.Set<FollowUpVisit>().AsNoTracking().FirstAsync(f => f.Id == id, ct));
}

/// <summary>A follow-up visit: <c>status</c> planned|done, <c>source</c> process|person.</summary>
public sealed record FollowUpView(Guid Id, string Status, string Source, DateTimeOffset? DueAt, string PlannedBy, DateTimeOffset PlannedAt,
    DateTimeOffset? VisitedAt, string? VisitedBy, string? Performed, int? Satisfaction, bool? NewRisk, string? Notes, string? RecordedBy,
    DateTimeOffset? RecordedAt)
{
    public static FollowUpView Of(FollowUpVisit f) => new(f.Id, f.VisitedAt is null ? "planned" : "done", f.StepKey is null ? "person" : "process",
        f.DueAt, f.PlannedBy, f.PlannedAt, f.VisitedAt, f.VisitedBy, f.Performed is { } p ? RecordCodes.Camel(p) : null, f.Satisfaction,
        f.NewRisk, f.Notes, f.RecordedBy, f.RecordedAt);
}
