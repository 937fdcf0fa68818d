namespace Mediation.Host.Features.Points;

/// <summary>An account and its balance (confirmed entries summed by the database) and the points still pending.</summary>
public sealed record AccountView(int? Id, string Kind, string? UserName, string? HouseholdCode, string Name, int Balance, int Pending);

/// <summary>One ledger line as its owner, a confirmer or a manager sees it: with the case, element and reason.</summary>
public sealed record EntryView(long Id, int AccountId, int Amount, string Status, string Source, int? RuleId, string? BusinessKey,
    Guid? InstanceId, string? ElementId, Guid? TaskId, long? JournalEntryId, string Reason, string? RequestedBy, string? Approver,
    DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecisionNote, long? ReversalOfId, Guid? RedemptionId)
{
    public static EntryView From(PointsEntry e) => new(e.Id, e.AccountId, e.Amount, e.Status.ToString(), e.Source.ToString(), e.RuleId,
        e.BusinessKey, e.InstanceId, e.ElementId, e.TaskId, e.JournalEntryId, e.Reason, e.RequestedBy, e.Approver, e.CreatedAt,
        e.DecidedAt, e.DecisionNote, e.ReversalOfId, e.RedemptionId);
}

public sealed record RuleView(int Id, string Name, bool Active, string EventKind, string? ProcessKey, string? ElementId, string Recipient,
    string? Variable, string? RecipientRole, int Points, int? CapPerCase, bool RequiresConfirmation, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    public static RuleView From(PointsRule r) => new(r.Id, r.Name, r.Active, r.EventKind, r.ProcessKey, r.ElementId, r.Recipient.ToString(),
        r.Variable, r.RecipientRole, r.Points, r.CapPerCase, r.RequiresConfirmation, r.UpdatedAt, r.UpdatedBy);
}

public sealed record RedemptionView(Guid Id, int AccountId, int Points, string Item, string RecordedBy, DateTimeOffset At, int Balance);
