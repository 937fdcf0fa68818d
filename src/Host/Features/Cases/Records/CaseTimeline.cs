using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// The case's timeline: its records (registration, sessions, notes, files, the agreement and its signatures, judicial
/// confirmation, follow-up visits, closure) and its process's journal (<c>/api/instances/{id}/journal</c>), merged by time.
/// A record stands at the time of what it records (a session when held, a signature when signed), not when it was typed in.
/// </summary>
public static class CaseTimeline
{
    private const int SummaryLength = 200;

    public static IReadOnlyList<TimelineEntry> Merge(Case c, CaseRecordSet r, IReadOnlyList<JournalEntryView> journal)
    {
        var entries = Records(c, r).ToList();
        entries.AddRange(journal.Select(j => new TimelineEntry(j.At, "journal", j.Kind, null, j.Actor, j.ElementId, null, j.Data, j.Id)));
        // Records before journal entries of the same instant (the case exists before its process starts), each in its own order.
        return entries.OrderBy(e => e.At).ThenBy(e => e.Source == "journal").ThenBy(e => e.JournalId).ToList();
    }

    private static IEnumerable<TimelineEntry> Records(Case c, CaseRecordSet r)
    {
        var at = $"/api/cases/{c.CaseNumber}";
        yield return Record(c.CreatedAt, "CaseRegistered", $"{c.Category}, {c.Channel}, {c.AreaCode}", c.CreatedBy, at);
        foreach (var s in r.Sessions)
            yield return Record(s.HeldAt, "SessionHeld", $"{RecordCodes.Camel(s.Form)} session at {s.Place}: {RecordCodes.Camel(s.Result)}", s.RecordedBy, $"{at}/sessions/{s.Id}");
        foreach (var n in r.Notes) yield return Record(n.WrittenAt, "NoteAdded", Short(n.Text), n.WrittenBy, $"{at}/notes");
        foreach (var a in r.Attachments)
            yield return Record(a.UploadedAt, "AttachmentUploaded", $"{a.Kind}: {a.FileName}", a.UploadedBy, $"{at}/attachments/{a.Id}");
        foreach (var e in Agreement(r.Agreement, $"{at}/agreement")) yield return e;
        foreach (var e in Confirmation(r.Confirmation, $"{at}/confirmation")) yield return e;
        foreach (var f in r.FollowUps)
        {
            yield return Record(f.PlannedAt, "FollowUpPlanned", f.DueAt is { } due ? $"due {due:O}" : null, f.PlannedBy, $"{at}/followups");
            if (f.VisitedAt is { } visited)
                yield return Record(visited, "FollowUpDone", $"performed {RecordCodes.Camel(f.Performed!.Value)}, satisfaction {f.Satisfaction}{(f.NewRisk == true ? ", new risk" : "")}",
                    f.RecordedBy, $"{at}/followups");
        }
        if (c.ClosedAt is { } closed) yield return Record(closed, "CaseClosed", c.Outcome, null, at);
    }

    private static IEnumerable<TimelineEntry> Agreement(Agreement? a, string href)
    {
        if (a is null) yield break;
        yield return Record(a.DraftedAt, "AgreementDrafted", $"{RecordCodes.Camel(a.Form)} agreement dated {a.AgreementDate:yyyy-MM-dd}", a.DraftedBy, href);
        foreach (var s in a.Signatures)
            yield return Record(s.SignedAt, "AgreementSigned", $"{s.SignerKey} {s.Name} {RecordCodes.Camel(s.Mark)}".Replace("  ", " "), s.RecordedBy, href);
        if (a.EffectiveAt is { } effective) yield return Record(effective, "AgreementTookEffect", $"performance due {a.PerformanceDeadline:yyyy-MM-dd}", null, href);
    }

    private static IEnumerable<TimelineEntry> Confirmation(JudicialConfirmation? j, string href)
    {
        if (j is null) yield break;
        yield return Record(j.AppliedAt, "ConfirmationApplied", $"to {j.Court} on {j.AppliedOn:yyyy-MM-dd}", j.AppliedBy, href);
        if (j.DecidedAt is { } decided)
            yield return Record(decided, "ConfirmationDecided", $"{RecordCodes.Camel(j.Status)}{(j.RulingNumber is null ? "" : $" {j.RulingNumber}")}", j.DecidedBy, href);
    }

    private static TimelineEntry Record(DateTimeOffset at, string kind, string? summary, string? actor, string href)
        => new(at, "record", kind, summary, actor, null, href, null, null);

    private static string Short(string text) => text.Length <= SummaryLength ? text : text[..SummaryLength] + "…";
}

/// <summary>
/// One line of the timeline. <c>source</c> is <c>record</c> (with <c>summary</c> and <c>href</c>) or <c>journal</c> (with
/// the journal entry's <c>elementId</c>, <c>data</c> and <c>journalId</c>).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Source, string Kind, string? Summary, string? Actor, string? ElementId,
    string? Href, JsonNode? Data, long? JournalId);
