using System.Security.Claims;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records.Attachments;

/// <summary>
/// <c>GET /api/cases/{caseNumber}/attachments</c> lists the case's files; <c>.../attachments/{id}</c> streams one as a
/// download (<c>Content-Disposition: attachment</c> with the name it was uploaded under, <c>nosniff</c>), looked up by id
/// only: no part of the URL becomes a path.
/// </summary>
public static class DownloadAttachment
{
    public static async Task<Results<Ok<IReadOnlyList<AttachmentView>>, NotFound>> List(string caseNumber, ClaimsPrincipal user,
        CaseRecordAccess cases, HostDbContext db, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var rows = await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == @case.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AttachmentView>>(rows.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(a => AttachmentView.Of(@case, a)).ToList());
    }

    public static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> Handle(string caseNumber, Guid id, HttpContext http,
        ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, AttachmentStore store, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var attachment = await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.CaseId == @case.Id, ct);
        if (attachment is null) return TypedResults.NotFound();
        var content = store.Open(attachment.StoredName);
        if (content is null)
            return TypedResults.Problem(statusCode: 500, title: "The attachment's file is missing from storage",
                detail: $"Attachment {attachment.Id} ({attachment.FileName}) is recorded but its file is not in the attachments folder: restore it from a backup.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }
}
