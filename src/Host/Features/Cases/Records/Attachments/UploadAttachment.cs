using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records.Attachments;

/// <summary>
/// <c>POST /api/cases/{caseNumber}/attachments</c>, multipart/form-data with <c>file</c>, <c>kind</c> (an item of the case
/// file checklist), <c>description?</c> and <c>operationId?</c>. The type is read from the content and must agree with the
/// name's ending; the file is stored under a random name with its SHA-256, and removed again if the database refuses the row.
/// </summary>
public static class UploadAttachment
{
    public const string Kind = "attachment";

    public static async Task<Results<Created<AttachmentView>, Ok<AttachmentView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        string caseNumber, HttpRequest request, ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, AttachmentStore store,
        RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct) is not { } @case) return TypedResults.NotFound();
        var (form, formProblem) = await ReadFormAsync(request, ct);
        if (form is null) return Invalid("file", formProblem!);
        var errors = new FieldErrors();
        var operationId = RecordChecks.OperationId(form["operationId"], errors);
        switch (await RecordOperations.FindAsync(db, operationId, @case.Id, Kind, ct))
        {
            case (RecordOperations.Seen.Replay, var id): return TypedResults.Ok(await LoadAsync(db, @case, Guid.Parse(id!), ct));
            case (RecordOperations.Seen.OtherRequest, _): return RecordSession.Reused();
        }
        var kind = RecordChecks.OneOf(form["kind"], "kind", RecordCodes.AttachmentKinds, errors, required: true);
        var description = RecordChecks.Text(form["description"], "description", RecordLimits.DescriptionLength, errors, required: null);
        var (file, type) = CheckFile(form, store.MaxBytes, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The file cannot be attached");

        await using var content = file!.OpenReadStream();
        var (storedName, sha256) = await store.WriteAsync(content, ct);
        var attachment = new CaseAttachment
        {
            Id = Guid.CreateVersion7(clock.Now()), CaseId = @case.Id, Kind = kind!, FileName = SafeName(file.FileName, type!),
            ContentType = type!.ContentType, Size = file.Length, Sha256 = sha256, StoredName = storedName, Description = description,
            UploadedBy = user.UserName(), UploadedAt = clock.Now(),
        };
        db.Add(attachment);
        RecordOperations.Track(db, operationId, @case.Id, Kind, attachment.Id.ToString(), attachment.UploadedAt);
        string? first;
        try
        {
            first = await RecordOperations.SaveAsync(db, operationId, @case.Id, Kind, ct);
        }
        catch
        {
            store.Delete(storedName);   // no row, no file: nothing half-saved
            throw;
        }
        if (first is not null)
        {
            store.Delete(storedName);   // the same upload, sent twice at once: the first one's file stays
            return TypedResults.Ok(await LoadAsync(db, @case, Guid.Parse(first), ct));
        }
        return TypedResults.Created(AttachmentView.Href(@case, attachment.Id), AttachmentView.Of(@case, attachment));
    }

    private static async Task<(IFormCollection?, string?)> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return (null, "send multipart/form-data with the file in the field 'file'");
        try
        {
            return (await request.ReadFormAsync(ct), null);
        }
        catch (InvalidDataException e)
        {
            return (null, $"the multipart body does not read: {e.Message}");
        }
    }

    private static (IFormFile?, FileType?) CheckFile(IFormCollection form, long maxBytes, FieldErrors errors)
    {
        var files = form.Files.GetFiles("file");
        if (files.Count != 1)
        {
            errors.Add("file", files.Count == 0 ? "required: the file, in the multipart field 'file'" : "one file per request");
            return (null, null);
        }
        var file = files[0];
        if (file.Length == 0) errors.Add("file", "the file is empty");
        else if (file.Length > maxBytes) errors.Add("file", $"the file has {file.Length:N0} bytes; at most {maxBytes:N0} ({maxBytes / (1024 * 1024)} MB) are accepted");
        if (errors.Has("file")) return (null, null);

        using var content = file.OpenReadStream();
        var (type, problem) = FileSignatures.Detect(content);
        if (type is null)
        {
            errors.Add("file", $"'{file.FileName}' is refused: {problem}");
            return (null, null);
        }
        var extension = Path.GetExtension(BaseName(file.FileName)).ToLowerInvariant();
        if (!type.Extensions.Contains(extension))
        {
            errors.Add("file", $"'{file.FileName}' holds a {type.Label}, but its name ends '{extension}': name it {string.Join(" or ", type.Extensions)}");
            return (null, null);
        }
        return (file, type);
    }

    /// <summary>The uploaded name without any folder part or control characters: only ever shown and sent back, never used on disk.</summary>
    internal static string SafeName(string uploaded, FileType type)
    {
        var name = new string(BaseName(uploaded).Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0 || name.Trim('.').Length == 0) name = "attachment" + type.Extensions[0];
        return name.Length <= RecordLimits.FileNameLength ? name : name[^RecordLimits.FileNameLength..];
    }

    private static string BaseName(string uploaded) => uploaded.Replace('\\', '/').Split('/')[^1];

    private static ValidationProblem Invalid(string field, string message)
        => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The file cannot be attached");

    private static async Task<AttachmentView> LoadAsync(HostDbContext db, Case @case, Guid id, CancellationToken ct)
        => AttachmentView.Of(@case, await db.Set<CaseAttachment>().AsNoTracking().FirstAsync(a => a.Id == id, ct));
}

public sealed record AttachmentView(Guid Id, string Kind, string FileName, string ContentType, long Size, string Sha256,
    string? Description, string UploadedBy, DateTimeOffset UploadedAt, string DownloadUrl)
{
    public static AttachmentView Of(Case c, CaseAttachment a) => new(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256,
        a.Description, a.UploadedBy, a.UploadedAt, Href(c, a.Id));

    public static string Href(Case c, Guid id) => $"/api/cases/{c.CaseNumber}/attachments/{id}";
}
