using System.Security.Claims;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// <c>GET /api/cases/{caseNumber}/file</c>: the case file checklist (立卷归档, DOMAIN §2.3) with what is present, from the
/// attachments of each kind and from the records (the registration is the acceptance form; sessions are session
/// records; an agreement in effect, done follow-ups and a confirmation count too), and which required items are missing.
/// </summary>
public static class CaseFile
{
    public static async Task<Results<Ok<CaseFileView>, NotFound>> Handle(string caseNumber, ClaimsPrincipal user, CaseRecordAccess cases,
        HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var records = await CaseRecordSet.LoadAsync(db, @case, ct);
        var items = RecordCodes.Checklist.Select(item => Item(item, @case, records, clock)).ToList();
        var missing = items.Where(i => i.Required && !i.Present).Select(i => i.Kind).ToList();
        return TypedResults.Ok(new CaseFileView(@case.CaseNumber, missing.Count == 0, missing, items));
    }

    private static CaseFileItem Item(ChecklistItem item, Case @case, CaseRecordSet r, RecordClock clock)
    {
        var files = r.AttachmentsOf(item.Kind);
        var recorded = item.Kind switch
        {
            "applicationForm" => $"registered as {@case.CaseNumber} on {clock.LocalDate(@case.CreatedAt):yyyy-MM-dd}",
            "sessionRecord" when r.Sessions.Count > 0 => $"{r.Sessions.Count} session(s) recorded",
            "agreement" when r.Agreement is { EffectiveAt: not null } a => $"{RecordCodes.Camel(a.Form)} agreement in effect",
            "followUpRecord" when r.FollowUps.Any(f => f.VisitedAt is not null) => $"{r.FollowUps.Count(f => f.VisitedAt is not null)} visit(s) done",
            "confirmationPapers" when r.Confirmation is { } j => $"application {RecordCodes.Camel(j.Status)}",
            _ => null,
        };
        // No agreement is needed in the file of a case that ended otherwise (failed, withdrawn, referred...).
        var required = item.Required && (item.Kind != "agreement" || @case.Outcome is null or "agreed");
        return new CaseFileItem(item.Kind, item.Label, required, files > 0 || recorded is not null, files, recorded);
    }
}

public sealed record CaseFileView(string CaseNumber, bool Complete, IReadOnlyList<string> Missing, IReadOnlyList<CaseFileItem> Items);

/// <summary>One checklist item: <c>attachments</c> of its kind, and <c>recordedAs</c> when a record of the case stands for it.</summary>
public sealed record CaseFileItem(string Kind, string Label, bool Required, bool Present, int Attachments, string? RecordedAs);
