using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// <c>POST /api/cases/{caseNumber}/sessions</c>: records a mediation session with its minutes. Invited participants need
/// the parties' consent (PML 20); whether the parties were told the nature, principles and effect of mediation is
/// recorded (MoJ-2002 Art 30). The same <c>operationId</c> again answers 200 with the first session.
/// </summary>
public static class RecordSession
{
    public const string Kind = "session";

    public sealed record Body(string? OperationId, string? HeldAt, string? Place, string? Form, string? LeadMediator,
        List<string?>? Mediators, List<InvitedBody?>? InvitedParticipants, bool? PartiesConsentToInvited, bool? PartiesInformed,
        string? Minutes, string? Result);

    public sealed record InvitedBody(string? Name, string? Capacity);

    public static async Task<Results<Created<SessionView>, Ok<SessionView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        string caseNumber, Body body, ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var operationId = RecordChecks.OperationId(body.OperationId, errors);
        switch (await RecordOperations.FindAsync(db, operationId, @case.Id, Kind, ct))
        {
            case (RecordOperations.Seen.Replay, var id): return TypedResults.Ok(await LoadAsync(db, Guid.Parse(id!), ct));
            case (RecordOperations.Seen.OtherRequest, _): return Reused();
        }
        var session = Check(body, user.UserName(), clock, errors);
        if (session is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The session cannot be recorded");

        session.CaseId = @case.Id;
        db.Add(session);
        RecordOperations.Track(db, operationId, @case.Id, Kind, session.Id.ToString(), session.RecordedAt);
        if (await RecordOperations.SaveAsync(db, operationId, @case.Id, Kind, ct) is { } first) return TypedResults.Ok(await LoadAsync(db, Guid.Parse(first), ct));
        return TypedResults.Created($"/api/cases/{@case.CaseNumber}/sessions/{session.Id}", SessionView.Of(session));
    }

    internal static ProblemHttpResult Reused()
        => TypedResults.Problem(statusCode: 409, title: "This operationId was used for another request",
            detail: "Give each new record its own operationId; send the same one only to repeat the same request.");

    private static MediationSession? Check(Body body, string actor, RecordClock clock, FieldErrors errors)
    {
        var heldAt = RecordChecks.Past(body.HeldAt, "heldAt", clock, errors, "required: when the session was held, e.g. 2026-03-02T09:30:00+08:00");
        var place = RecordChecks.Text(body.Place, "place", RecordLimits.PlaceLength, errors, "required: where the session was held");
        var form = RecordChecks.Code<SessionForm>(body.Form, "form", errors, required: true);
        var lead = RecordChecks.Text(body.LeadMediator, "leadMediator", RecordLimits.NameLength, errors, "required: the mediator who presided (调解主持人)");
        var minutes = RecordChecks.Text(body.Minutes, "minutes", RecordLimits.MinutesLength, errors, "required: the session record (调解记录), PML 27");
        var result = RecordChecks.Code<SessionResult>(body.Result, "result", errors, required: true);
        if (body.PartiesInformed is null)
            errors.Add("partiesInformed", "required: true or false, whether the parties were told the nature, principles and effect of mediation (MoJ-2002 Art 30)");
        var participants = Participants(body, errors);
        // Counted from the request: an invited person with a problem in their entry still needs the parties' consent.
        var invited = body.InvitedParticipants?.Count ?? 0;
        if (invited > 0 && body.PartiesConsentToInvited != true)
            errors.Add("partiesConsentToInvited", "the parties must consent to invited participants (PML 20): record true once they have, or invite nobody");
        if (errors.Any) return null;
        return new MediationSession
        {
            Id = Guid.CreateVersion7(clock.Now()), HeldAt = heldAt!.Value, Place = place!, Form = form!.Value, LeadMediator = lead!,
            PartiesInformed = body.PartiesInformed!.Value, PartiesConsentToInvited = invited > 0 ? true : body.PartiesConsentToInvited,
            Minutes = minutes!, Result = result!.Value, RecordedBy = actor, RecordedAt = clock.Now(), Participants = participants,
        };
    }

    private static List<SessionParticipant> Participants(Body body, FieldErrors errors)
    {
        var mediators = body.Mediators ?? [];
        var invited = body.InvitedParticipants ?? [];
        if (mediators.Count + invited.Count > RecordLimits.MaxParticipants)
        {
            errors.Add("invitedParticipants", $"at most {RecordLimits.MaxParticipants} mediators and invited participants together");
            return [];
        }
        var list = new List<SessionParticipant>();
        for (var i = 0; i < mediators.Count; i++)
        {
            var name = RecordChecks.Text(mediators[i], $"mediators[{i}]", RecordLimits.NameLength, errors, "a mediator's name is required here");
            if (name is not null) list.Add(new SessionParticipant { Position = list.Count, Role = ParticipantRole.Mediator, Name = name });
        }
        for (var i = 0; i < invited.Count; i++)
        {
            var at = $"invitedParticipants[{i}]";
            if (invited[i] is not { } person)
            {
                errors.Add(at, "an invited participant is required here, not null");
                continue;
            }
            var name = RecordChecks.Text(person.Name, $"{at}.name", RecordLimits.NameLength, errors, "the invited participant's name is required");
            var capacity = RecordChecks.OneOf(person.Capacity, $"{at}.capacity", RecordCodes.InvitedCapacities, errors, required: true);
            if (name is not null && capacity is not null)
                list.Add(new SessionParticipant { Position = list.Count, Role = ParticipantRole.Invited, Name = name, Capacity = capacity });
        }
        return list;
    }

    internal static async Task<SessionView> LoadAsync(HostDbContext db, Guid id, CancellationToken ct)
        => SessionView.Of(await db.Set<MediationSession>().AsNoTracking().Include(s => s.Participants).FirstAsync(s => s.Id == id, ct));
}

/// <summary><c>GET /api/cases/{caseNumber}/sessions</c> (in the order held) and <c>.../sessions/{id}</c>.</summary>
public static class ListSessions
{
    public static async Task<Results<Ok<IReadOnlyList<SessionView>>, NotFound>> Handle(string caseNumber, ClaimsPrincipal user,
        CaseRecordAccess cases, HostDbContext db, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var sessions = await db.Set<MediationSession>().AsNoTracking().Include(s => s.Participants).Where(s => s.CaseId == @case.Id).ToListAsync(ct);
        // Ordered here: SQLite cannot order DateTimeOffset values in SQL, and a case has few sessions.
        return TypedResults.Ok<IReadOnlyList<SessionView>>(sessions.OrderBy(s => s.HeldAt).ThenBy(s => s.Id).Select(SessionView.Of).ToList());
    }

    public static async Task<Results<Ok<SessionView>, NotFound>> One(string caseNumber, Guid id, ClaimsPrincipal user,
        CaseRecordAccess cases, HostDbContext db, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var session = await db.Set<MediationSession>().AsNoTracking().Include(s => s.Participants)
            .FirstOrDefaultAsync(s => s.Id == id && s.CaseId == @case.Id, ct);
        return session is null ? TypedResults.NotFound() : TypedResults.Ok(SessionView.Of(session));
    }
}

public sealed record SessionView(Guid Id, DateTimeOffset HeldAt, string Place, string Form, string LeadMediator,
    IReadOnlyList<string> Mediators, IReadOnlyList<InvitedView> InvitedParticipants, bool? PartiesConsentToInvited, bool PartiesInformed,
    string Minutes, string Result, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static SessionView Of(MediationSession s)
    {
        var people = s.Participants.OrderBy(p => p.Position).ToList();
        return new(s.Id, s.HeldAt, s.Place, RecordCodes.Camel(s.Form), s.LeadMediator,
            people.Where(p => p.Role == ParticipantRole.Mediator).Select(p => p.Name).ToList(),
            people.Where(p => p.Role == ParticipantRole.Invited).Select(p => new InvitedView(p.Name, p.Capacity!)).ToList(),
            s.PartiesConsentToInvited, s.PartiesInformed, s.Minutes, RecordCodes.Camel(s.Result), s.RecordedBy, s.RecordedAt);
    }
}

public sealed record InvitedView(string Name, string Capacity);
