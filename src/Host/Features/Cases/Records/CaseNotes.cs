using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// <c>POST /api/cases/{caseNumber}/notes</c> <c>{ text, operationId? }</c> and <c>GET .../notes</c>: free-text notes,
/// append-only (there is no way to edit or delete one; a correction is another note).
/// </summary>
public static class CaseNotes
{
    public const string Kind = "note";

    public sealed record Body(string? Text, string? OperationId);

    public static async Task<Results<Created<NoteView>, Ok<NoteView>, ValidationProblem, NotFound, ProblemHttpResult>> Add(string caseNumber,
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
        var text = RecordChecks.Text(body.Text, "text", RecordLimits.NoteLength, errors, "required: the note's text");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The note cannot be added");

        var note = new CaseNote { Id = Guid.CreateVersion7(clock.Now()), CaseId = @case.Id, Text = text!, WrittenBy = user.UserName(), WrittenAt = clock.Now() };
        db.Add(note);
        RecordOperations.Track(db, operationId, @case.Id, Kind, note.Id.ToString(), note.WrittenAt);
        if (await RecordOperations.SaveAsync(db, operationId, @case.Id, Kind, ct) is { } first) return TypedResults.Ok(await LoadAsync(db, Guid.Parse(first), ct));
        return TypedResults.Created($"/api/cases/{@case.CaseNumber}/notes", NoteView.Of(note));
    }

    public static async Task<Results<Ok<IReadOnlyList<NoteView>>, NotFound>> List(string caseNumber, ClaimsPrincipal user,
        CaseRecordAccess cases, HostDbContext db, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var notes = await db.Set<CaseNote>().AsNoTracking().Where(n => n.CaseId == @case.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<NoteView>>(notes.OrderBy(n => n.WrittenAt).ThenBy(n => n.Id).Select(NoteView.Of).ToList());
    }

    private static async Task<NoteView> LoadAsync(HostDbContext db, Guid id, CancellationToken ct)
        => NoteView.Of(await db.Set<CaseNote>().AsNoTracking().FirstAsync(n => n.Id == id, ct));
}

public sealed record NoteView(Guid Id, string Text, string WrittenBy, DateTimeOffset WrittenAt)
{
    public static NoteView Of(CaseNote n) => new(n.Id, n.Text, n.WrittenBy, n.WrittenAt);
}
