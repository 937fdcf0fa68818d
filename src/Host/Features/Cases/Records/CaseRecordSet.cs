using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>Every record of one case, read once for the case's page, its file checklist and its timeline.</summary>
public sealed record CaseRecordSet(
    IReadOnlyList<MediationSession> Sessions,
    IReadOnlyList<CaseNote> Notes,
    IReadOnlyList<CaseAttachment> Attachments,
    Agreement? Agreement,
    JudicialConfirmation? Confirmation,
    IReadOnlyList<FollowUpVisit> FollowUps)
{
    public static async Task<CaseRecordSet> LoadAsync(HostDbContext db, Case @case, CancellationToken ct)
    {
        var id = @case.Id;
        return new CaseRecordSet(
            await db.Set<MediationSession>().AsNoTracking().Where(s => s.CaseId == id).ToListAsync(ct),
            await db.Set<CaseNote>().AsNoTracking().Where(n => n.CaseId == id).ToListAsync(ct),
            await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == id).ToListAsync(ct),
            await db.Set<Agreement>().AsNoTracking().Include(a => a.Signatures).FirstOrDefaultAsync(a => a.CaseId == id, ct),
            await db.Set<JudicialConfirmation>().AsNoTracking().FirstOrDefaultAsync(j => j.CaseId == id, ct),
            await db.Set<FollowUpVisit>().AsNoTracking().Where(f => f.CaseId == id).ToListAsync(ct));
    }

    public int AttachmentsOf(string kind) => Attachments.Count(a => a.Kind == kind);
}

/// <summary>The records on the case's page: how many of each, where to read them, and the agreement's and confirmation's state.</summary>
public sealed record CaseRecordsView(
    RecordLink Sessions,
    RecordLink Notes,
    RecordLink Attachments,
    RecordLink FollowUps,
    AgreementSummary? Agreement,
    ConfirmationSummary? Confirmation,
    string File)
{
    public static CaseRecordsView Of(Case c, CaseRecordSet r)
    {
        var at = $"/api/cases/{c.CaseNumber}";
        return new(new(r.Sessions.Count, $"{at}/sessions"), new(r.Notes.Count, $"{at}/notes"), new(r.Attachments.Count, $"{at}/attachments"),
            new(r.FollowUps.Count, $"{at}/followups"),
            r.Agreement is { } a ? new(RecordCodes.Camel(a.Form), a.EffectiveAt, a.PerformanceDeadline, a.Amount, $"{at}/agreement") : null,
            r.Confirmation is { } j ? new(RecordCodes.Camel(j.Status), j.AppliedOn, j.RulingDate, $"{at}/confirmation") : null,
            $"{at}/file");
    }
}

public sealed record RecordLink(int Count, string Href);

public sealed record AgreementSummary(string Form, DateTimeOffset? EffectiveAt, DateOnly PerformanceDeadline, decimal? Amount, string Href);

public sealed record ConfirmationSummary(string Status, DateOnly AppliedOn, DateOnly? RulingDate, string Href);
