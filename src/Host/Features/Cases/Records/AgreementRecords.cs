namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// The mediation agreement 调解协议书 (PML 28–30; DOMAIN §2.2), one per case. The parties' basic information is the case's
/// parties. A written agreement takes effect when every party has signed, sealed or fingerprinted it, the mediator has
/// signed and the committee's seal is on it; an oral one when agreed. <see cref="EffectiveAt"/> then starts the 30-day
/// window of judicial confirmation and is handed to the process.
/// </summary>
public sealed class Agreement
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public AgreementForm Form { get; set; }
    /// <summary>The date the agreement bears (written) or was reached (oral).</summary>
    public DateOnly AgreementDate { get; set; }
    public required string Facts { get; set; }
    public required string Issues { get; set; }
    public required string Responsibilities { get; set; }
    public required string AgreedContent { get; set; }
    public required string PerformanceMethod { get; set; }
    public required string PerformancePlace { get; set; }
    /// <summary>The last day of performance; the process's <c>performanceDue</c> is its end in the engine's zone.</summary>
    public DateOnly PerformanceDeadline { get; set; }
    /// <summary>The money the agreement concerns (协议涉及金额), for the reports.</summary>
    public decimal? Amount { get; set; }
    /// <summary>One copy per party plus one for the committee (written only).</summary>
    public int? Copies { get; set; }
    /// <summary>The agreement settles an identity relation (marriage, parentage, adoption): never judicially confirmed (CPL-Interp 355).</summary>
    public bool IdentityRelation { get; set; }
    /// <summary>The agreement confirms title to property or an IP right: never judicially confirmed (CPL-Interp 355).</summary>
    public bool TitleConfirmation { get; set; }
    /// <summary>Performed at signing (e.g. cash handed over): the process may skip waiting for the deadline.</summary>
    public bool PerformedOnSigning { get; set; }
    /// <summary>The mediator who recorded it (oral) or is to sign it (written).</summary>
    public required string Mediator { get; set; }
    /// <summary>When an oral agreement was reached.</summary>
    public DateTimeOffset? AgreedAt { get; set; }
    public DateTimeOffset? EffectiveAt { get; set; }
    /// <summary>What the process was told when the agreement took effect (<see cref="ProcessUpdates"/>); null while still to do.</summary>
    public string? ProcessUpdate { get; set; }
    public DateTimeOffset? ProcessUpdatedAt { get; set; }
    public required string DraftedBy { get; set; }
    public DateTimeOffset DraftedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<AgreementSignature> Signatures { get; set; } = [];
}

public enum AgreementForm { Written, Oral }

/// <summary>One signature, seal or fingerprint on a written agreement: a party's, the mediator's, or the committee's seal.</summary>
public sealed class AgreementSignature
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    /// <summary><c>party:0</c>, <c>party:1</c>..., <c>mediator</c>, <c>committee</c>: each signs once.</summary>
    public required string SignerKey { get; set; }
    public SignerKind Signer { get; set; }
    public int? PartyPosition { get; set; }
    public SignatureMark Mark { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public enum SignerKind { Party, Mediator, Committee }

public enum SignatureMark { Signed, Sealed, Fingerprinted }

/// <summary>
/// Judicial confirmation 司法确认 (PML 33; CPL 205): the parties' joint application to a court within 30 days of the
/// agreement taking effect, then the court's acceptance and ruling.
/// </summary>
public sealed class JudicialConfirmation
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int AgreementId { get; set; }
    public DateOnly AppliedOn { get; set; }
    public required string Court { get; set; }
    /// <summary>The end of the window, <c>legalDays(EffectiveAt, 30)</c>.</summary>
    public DateTimeOffset WindowEndsAt { get; set; }
    /// <summary>The window was counted through a year the working-day calendar does not know yet.</summary>
    public bool WindowProvisional { get; set; }
    public required string AppliedBy { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public ConfirmationStatus Status { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? RulingDate { get; set; }
    public string? RulingNumber { get; set; }
    public string? RejectionReason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>How sending <c>CourtConfirmationDecided</c> went (<c>correlated</c>, <c>noSubscription</c>, <c>instanceEnded</c>, <c>failed</c>).</summary>
    public string? MessageOutcome { get; set; }
    public DateTimeOffset? MessageDeliveredAt { get; set; }
    public int Version { get; set; }
}

public enum ConfirmationStatus { Applied, Accepted, Confirmed, Rejected }
