namespace Mediation.Host.Features.Cases;

/// <summary>
/// One dispute's record (案件), registered at intake (登记) and worked by the process started for it, whose business key
/// is the case number. Later records (sessions, notes, attachments, the agreement, judicial confirmation, follow-up
/// visits) hang off the case in tables of their own, so this row stays what intake knows plus the case's life.
/// </summary>
public sealed class Case
{
    public int Id { get; set; }
    /// <summary><c>XT-2026-000123</c>: unique and without gaps within its year (<see cref="CaseNumbers"/>).</summary>
    public required string CaseNumber { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    /// <summary>How the dispute came in (<see cref="CaseCodes.Channels"/>); <see cref="Source"/> follows from it.</summary>
    public required string Channel { get; set; }
    public CaseSource Source { get; set; }
    public required string Category { get; set; }
    public required string RiskLevel { get; set; }
    /// <summary>The org unit the dispute belongs to (usually a village, community, group or household).</summary>
    public required string AreaCode { get; set; }
    /// <summary>The area's path of codes (<c>/XT/XT-ZCZ/XT-ZCZ-XHC/</c>), copied at intake: who sees the case is one prefix query.</summary>
    public required string AreaPath { get; set; }
    public required string Facts { get; set; }
    public string? IssuesInDispute { get; set; }
    /// <summary>A collective dispute 群体性纠纷: many parties or a shared interest.</summary>
    public bool Collective { get; set; }
    public int? PersonsInvolved { get; set; }
    /// <summary>Sent by a court before filing (委派调解): the court-delegated process and its 30-day window.</summary>
    public bool CourtDelegated { get; set; }
    /// <summary>A public-order matter a police station may mediate itself (治安调解).</summary>
    public bool SecurityMatter { get; set; }
    public CaseStatus Status { get; set; }
    /// <summary>Chosen at intake, before the process starts, so that a start retried after a failure can never make a second instance.</summary>
    public Guid ProcessInstanceId { get; set; }
    public required string DefinitionKey { get; set; }
    /// <summary>Why the last start failed, while the case waits in <see cref="CaseStatus.StartPending"/>.</summary>
    public string? StartError { get; set; }
    public int StartAttempts { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The closure code (<c>agreed</c>, <c>failed</c>, <c>withdrawn</c>...), written by the process's <c>recordOutcome</c> step.</summary>
    public string? Outcome { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Optimistic concurrency: two sweeps never both take the same pending start.</summary>
    public int Version { get; set; }
    public List<Party> Parties { get; set; } = [];
}

public enum CaseStatus
{
    /// <summary>Registered with its number, but its process has not started yet: the retry starts it.</summary>
    StartPending,
    InProgress,
    Closed,
}

/// <summary>The three sources statistics collapse the channels into (案件来源).</summary>
public enum CaseSource { Application, Proactive, Referral }

/// <summary>A party 当事人 to the dispute, in the order intake gave them.</summary>
public sealed class Party
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    /// <summary>0, 1, 2... as registered: the applicant listed first stays first on every document.</summary>
    public int Position { get; set; }
    public PartyRole Role { get; set; }
    public required string Name { get; set; }
    public Sex? Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    /// <summary>The age stated at intake when the birth date is not known.</summary>
    public int? Age { get; set; }
    public string? Ethnicity { get; set; }
    /// <summary>居民身份证号码 (GB 11643), upper-case X as check character.</summary>
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public bool Minor { get; set; }
    /// <summary>How the party's consent to mediation was recorded (PML 17: no mediation without it).</summary>
    public ConsentForm Consent { get; set; }
}

public enum PartyRole { Applicant, Respondent, ThirdParty }

public enum Sex { Male, Female }

public enum ConsentForm { Written, Oral }

/// <summary>The last case number given in a year: one row per year, raised in the transaction that inserts the case.</summary>
public sealed class CaseNumberCounter
{
    public int Year { get; set; }
    public int Last { get; set; }
}

public static class CaseLimits
{
    public const int CaseNumberLength = 32;
    public const int CodeLength = 32;
    public const int FactsLength = 4000;
    public const int IssuesLength = 2000;
    public const int NameLength = 100;
    public const int EthnicityLength = 20;
    public const int AddressLength = 200;
    public const int PhoneLength = 20;
    public const int StartErrorLength = 2000;
    public const int MaxParties = 200;
}
