namespace Mediation.Host.Features.Points;

public enum PointsAccountKind { Person, Household }

/// <summary>
/// Where points are kept (积分账户): a person's account belongs to a user (a mediator, grid member, volunteer); a
/// household's to an org unit of kind Household or LeadHousehold. Its balance is never stored: the database sums the
/// confirmed entries.
/// </summary>
public sealed class PointsAccount
{
    public int Id { get; set; }
    public PointsAccountKind Kind { get; set; }
    /// <summary>The owner of a person account (Identity's user name); null for a household.</summary>
    public string? UserName { get; set; }
    /// <summary>The household unit of a household account; null for a person.</summary>
    public int? OrgUnitId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Bumped by every redemption, so two redemptions racing for one balance cannot both pass the check.</summary>
    public int Revision { get; set; }
}

public enum PointsEntryStatus
{
    /// <summary>Waits for a mediator's or the committee's confirmation; not in the balance yet.</summary>
    Pending,
    Confirmed,
    /// <summary>Refused by the confirmer; never counted.</summary>
    Rejected,
}

public enum PointsEntrySource { Rule, Manual, Reversal, Redemption }

/// <summary>
/// One line of the append-only ledger. Amount, recipient and reason never change and nothing is deleted: a mistake is
/// corrected by a reversing entry. The only change an entry ever sees is its one decision, Pending → Confirmed or
/// Rejected, made once from the Pending state.
/// </summary>
public sealed class PointsEntry
{
    public long Id { get; set; }
    /// <summary>
    /// Unique: <c>rule:{ruleId}:journal:{journalEntryId}</c>, <c>manual:{operationId}</c>, <c>reversal:{entryId}</c>,
    /// <c>redemption:{accountId}:{operationId}</c>. A rerun, a second node or a repeated request finds its key taken and writes nothing.
    /// </summary>
    public required string Key { get; set; }
    public int AccountId { get; set; }
    /// <summary>Positive to award, negative to deduct, reverse or spend.</summary>
    public int Amount { get; set; }
    public PointsEntryStatus Status { get; set; }
    public PointsEntrySource Source { get; set; }
    public int? RuleId { get; set; }
    /// <summary>The case (its business key, the case number) the points were earned on; per-case caps count by it.</summary>
    public string? BusinessKey { get; set; }
    public Guid? InstanceId { get; set; }
    public string? ElementId { get; set; }
    public Guid? TaskId { get; set; }
    public long? JournalEntryId { get; set; }
    public required string Reason { get; set; }
    /// <summary>Who asked for a manual entry, reversal or redemption; null for an entry a rule made.</summary>
    public string? RequestedBy { get; set; }
    /// <summary>Who confirmed (or rejected) a pending entry, or made the reversal: the second pair of eyes.</summary>
    public string? Approver { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Why a pending entry was rejected (or what the confirmer noted).</summary>
    public string? DecisionNote { get; set; }
    public long? ReversalOfId { get; set; }
    public Guid? RedemptionId { get; set; }
}

/// <summary>Who earns when a rule fires. There is deliberately no "party": points never go to or from a party.</summary>
public enum PointsRecipient
{
    /// <summary>Whoever the journal entry names as actor (who completed the task, started the case...).</summary>
    Actor,
    /// <summary>The task's assignee; the one who completed it when nobody had claimed it.</summary>
    Assignee,
    /// <summary>The user name, or each user name of a list, held in <see cref="PointsRule.Variable"/>.</summary>
    UserVariable,
    /// <summary>The household unit code, or each code of a list, held in <see cref="PointsRule.Variable"/>.</summary>
    HouseholdVariable,
}

/// <summary>
/// An earning rule (积分规则): when the journal records <see cref="EventKind"/> (of <see cref="ProcessKey"/>, at
/// <see cref="ElementId"/>, each optional), the recipient earns <see cref="Points"/>, at most <see cref="CapPerCase"/> per
/// case, pending a confirmation when <see cref="RequiresConfirmation"/>. Supervisors and administrators manage them.
/// </summary>
public sealed class PointsRule
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
    public required string EventKind { get; set; }
    public string? ProcessKey { get; set; }
    public string? ElementId { get; set; }
    public PointsRecipient Recipient { get; set; }
    public string? Variable { get; set; }
    /// <summary>When set, only a user in this role (candidate group) earns: "an early report by a grid member".</summary>
    public string? RecipientRole { get; set; }
    public int Points { get; set; }
    public int? CapPerCase { get; set; }
    public bool RequiresConfirmation { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>Points spent (兑换) at the points shop or on a service; its ledger entry carries the negative amount.</summary>
public sealed class Redemption
{
    public Guid Id { get; set; }
    public int AccountId { get; set; }
    public int Points { get; set; }
    public required string Item { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The one row that says how far the rules have read the engine's journal. Its revision serialises runs: of two runs that
/// read the same cursor (two nodes, the job and an on-demand run) only the first commits its entries.
/// </summary>
public sealed class PointsProcessingState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    /// <summary>The highest journal id a run has looked at.</summary>
    public long LastJournalId { get; set; }
    /// <summary>
    /// Every run looks again at the journal after this id. It trails <see cref="LastJournalId"/> by at least the rescan
    /// window: PostgreSQL hands out ids before commit, so an entry can become visible after a higher one was read.
    /// </summary>
    public long RescanFromId { get; set; }
    /// <summary>The journal's highest id when <see cref="CandidateSince"/> began; becomes the rescan start once the window has passed.</summary>
    public long CandidateRescanFromId { get; set; }
    public DateTimeOffset CandidateSince { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public int Revision { get; set; }
}
