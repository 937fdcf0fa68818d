using System.Text.Json.Nodes;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// Tells the case's process what the records decided. When the agreement takes effect: the open <c>Task_SignAgreement</c>
/// (DOMAIN §7 step 8) is completed with <c>agreementForm</c>, <c>agreementEffectiveAt</c> and <c>performanceDue</c>, or,
/// when the flow has no such task open, the three are set on the instance. When the court decides a confirmation:
/// message <c>CourtConfirmationDecided</c> with <c>confirmationResult</c>. The record is saved first and the process told
/// after, in its own transaction; what could not be told yet (a lost race, a flow not yet waiting for the message) stays
/// marked undone and <see cref="RecordsSync"/> tries again every minute.
/// </summary>
public sealed class ProcessUpdates(HostDbContext db, IWorkflowEngine engine, RecordClock clock, ILogger<ProcessUpdates> logger)
{
    public const string SignTask = "Task_SignAgreement";
    public const string ConfirmationMessage = "CourtConfirmationDecided";

    public static Dictionary<string, JsonNode?> AgreementVariables(Agreement a, RecordClock clock) => new()
    {
        ["agreementForm"] = RecordCodes.Camel(a.Form),
        ["agreementEffectiveAt"] = clock.Format(a.EffectiveAt!.Value),
        ["performanceDue"] = clock.Format(clock.EndOfDay(a.PerformanceDeadline)),
    };

    public async Task AgreementTookEffectAsync(Case @case, Agreement agreement, string actor, CancellationToken ct)
    {
        if (agreement.EffectiveAt is null || agreement.ProcessUpdatedAt is not null || @case.Status == CaseStatus.StartPending) return;
        string? update;
        try
        {
            update = await TellAgreementAsync(@case, agreement, actor, ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "The process of case {CaseNumber} was not told of its agreement; the sweep tries again", @case.CaseNumber);
            return;
        }
        if (update is null) return;
        agreement.ProcessUpdate = update;
        agreement.ProcessUpdatedAt = clock.Now();
        await SaveMarkAsync(agreement, ct);
    }

    /// <summary>What was done, or null when it has to wait (the instance is suspended).</summary>
    private async Task<string?> TellAgreementAsync(Case @case, Agreement agreement, string actor, CancellationToken ct)
    {
        var variables = AgreementVariables(agreement, clock);
        var tasks = await engine.ListTasksAsync(new TaskQuery { SeeAll = true, BusinessKey = @case.CaseNumber }, ct);
        if (tasks.FirstOrDefault(t => t.ElementId == SignTask) is { } sign)
        {
            // A fixed operation id: a retry after a lost answer completes the task once.
            var done = await engine.CompleteTaskAsync(new CompleteTaskRequest(sign.Id, actor, variables, OperationId: $"agreement:{sign.Id:N}"), ct);
            if (done.Outcome == TaskOutcome.Completed) return "taskCompleted";
            if (done.Outcome == TaskOutcome.InstanceSuspended) return null;
        }
        return await engine.SetVariablesAsync(@case.ProcessInstanceId, variables, actor, ct) switch
        {
            InstanceCommandOutcome.Done => "variablesSet",
            InstanceCommandOutcome.AlreadyEnded => "instanceEnded",
            _ => "noInstance",
        };
    }

    public async Task ConfirmationDecidedAsync(Case @case, JudicialConfirmation confirmation, string actor, CancellationToken ct)
    {
        if (confirmation.Status is not (ConfirmationStatus.Confirmed or ConfirmationStatus.Rejected) || confirmation.MessageDeliveredAt is not null
            || @case.Status == CaseStatus.StartPending) return;
        var variables = new Dictionary<string, JsonNode?> { ["confirmationResult"] = RecordCodes.Camel(confirmation.Status) };
        try
        {
            var outcome = await engine.CorrelateMessageAsync(new MessageRequest(ConfirmationMessage, @case.CaseNumber, variables, actor), ct);
            if (outcome == MessageOutcome.Correlated)
            {
                confirmation.MessageOutcome = "correlated";
                confirmation.MessageDeliveredAt = clock.Now();
            }
            else
            {
                var instance = await engine.GetInstanceAsync(@case.ProcessInstanceId, ct);
                confirmation.MessageOutcome = instance is null || instance.Status is "Completed" or "Cancelled" ? "instanceEnded" : "noSubscription";
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "CourtConfirmationDecided was not delivered to case {CaseNumber}; the sweep tries again", @case.CaseNumber);
            confirmation.MessageOutcome = Truncate($"failed: {failure.GetType().Name}: {failure.Message}");
        }
        await SaveMarkAsync(confirmation, ct);
    }

    /// <summary>Writes the mark; if someone changed the row meanwhile, the sweep sees it still undone and tries again.</summary>
    private async Task SaveMarkAsync(object record, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(record).ReloadAsync(ct);
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}

/// <summary>The minutely job that tells processes what the first try could not: agreements in effect and court decisions.</summary>
public sealed class RecordsSync(HostDbContext db, ProcessUpdates updates)
{
    public const string JobId = "case-records-sync";
    private const int Batch = 100;

    public async Task SweepAsync(CancellationToken ct)
    {
        var agreements = await db.Set<Agreement>().Where(a => a.EffectiveAt != null && a.ProcessUpdatedAt == null)
            .OrderBy(a => a.Id).Take(Batch).ToListAsync(ct);
        var decided = new[] { ConfirmationStatus.Confirmed, ConfirmationStatus.Rejected };
        var confirmations = await db.Set<JudicialConfirmation>()
            .Where(j => decided.Contains(j.Status) && j.MessageDeliveredAt == null && j.MessageOutcome != "instanceEnded")
            .OrderBy(j => j.Id).Take(Batch).ToListAsync(ct);
        // Their cases in one query, not one per record.
        var caseIds = agreements.Select(a => a.CaseId).Concat(confirmations.Select(j => j.CaseId)).Distinct().ToList();
        var cases = await db.Set<Case>().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var agreement in agreements) await updates.AgreementTookEffectAsync(cases[agreement.CaseId], agreement, "system", ct);
        foreach (var confirmation in confirmations) await updates.ConfirmationDecidedAsync(cases[confirmation.CaseId], confirmation, "system", ct);
    }
}
