namespace Mediation.Host.Features.Cases.Records;

/// <summary>A mediation session 调解 (PML 27; MoJ-2002 Art 30): when, where, how, who took part, what was said and the result.</summary>
public sealed class MediationSession
{
    public Guid Id { get; set; }
    public int CaseId { get; set; }
    public DateTimeOffset HeldAt { get; set; }
    public required string Place { get; set; }
    public SessionForm Form { get; set; }
    /// <summary>The mediator presiding 调解主持人.</summary>
    public required string LeadMediator { get; set; }
    /// <summary>Whether the parties were told the nature, principles and effect of mediation first (MoJ-2002 Art 30).</summary>
    public bool PartiesInformed { get; set; }
    /// <summary>The parties agreed to the invited participants (PML 20); null when nobody was invited.</summary>
    public bool? PartiesConsentToInvited { get; set; }
    /// <summary>The session record 调解记录.</summary>
    public required string Minutes { get; set; }
    public SessionResult Result { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<SessionParticipant> Participants { get; set; } = [];
}

public enum SessionForm { Joint, Separate, Online }

public enum SessionResult { Agreed, PartlyAgreed, NotAgreed, Adjourned }

/// <summary>A mediator or an invited participant of a session, in the order given.</summary>
public sealed class SessionParticipant
{
    public int Id { get; set; }
    public Guid SessionId { get; set; }
    public int Position { get; set; }
    public ParticipantRole Role { get; set; }
    public required string Name { get; set; }
    /// <summary>For an invited participant: in what capacity (<see cref="RecordCodes.InvitedCapacities"/>).</summary>
    public string? Capacity { get; set; }
}

public enum ParticipantRole { Mediator, Invited }

/// <summary>A note on the case: append-only, never edited or deleted.</summary>
public sealed class CaseNote
{
    public Guid Id { get; set; }
    public int CaseId { get; set; }
    public required string Text { get; set; }
    public required string WrittenBy { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>A file of the case: stored under a random name outside the web root, with the uploaded name kept only here.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; }
    public int CaseId { get; set; }
    /// <summary>Which item of the case file checklist it is (<see cref="RecordCodes.AttachmentKinds"/>).</summary>
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; set; }
    /// <summary>The file's name on disk: 32 random hex digits, never derived from anything the client sent.</summary>
    public required string StoredName { get; set; }
    public string? Description { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A follow-up visit 回访: planned (due) by a person or by the process's <c>scheduleFollowUp</c> step, then done.</summary>
public sealed class FollowUpVisit
{
    public Guid Id { get; set; }
    public int CaseId { get; set; }
    /// <summary>The process step that planned it (instance, token, element): a step run again finds its visit.</summary>
    public string? StepKey { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public required string PlannedBy { get; set; }
    public DateTimeOffset PlannedAt { get; set; }
    public DateTimeOffset? VisitedAt { get; set; }
    /// <summary>Who visited (a name: a grid member, the mediator, a cadre).</summary>
    public string? VisitedBy { get; set; }
    public Performance? Performed { get; set; }
    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; set; }
    public bool? NewRisk { get; set; }
    public string? Notes { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>How far the agreement was carried out, as the visit found it.</summary>
public enum Performance { Fully, Partly, Not }

/// <summary>
/// A request that created a record, by the client's <c>operationId</c>: the same id again answers with that record
/// instead of making a second one (a double click, a retry after a lost answer).
/// </summary>
public sealed class RecordOperation
{
    public required string OperationId { get; set; }
    public int CaseId { get; set; }
    public required string Kind { get; set; }
    public required string RecordId { get; set; }
    public DateTimeOffset At { get; set; }
}

public static class RecordLimits
{
    public const int PlaceLength = 200;
    public const int NameLength = 100;
    public const int MinutesLength = 20_000;
    public const int NoteLength = 4000;
    public const int TextLength = 4000;
    public const int FileNameLength = 255;
    public const int DescriptionLength = 500;
    public const int OperationIdLength = 100;
    public const int MaxParticipants = 50;
    public const int RulingNumberLength = 64;
}
