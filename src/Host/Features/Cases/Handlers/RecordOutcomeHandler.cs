using System.Text.Json.Nodes;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Handlers;

/// <summary>
/// The <c>recordOutcome</c> service task: writes the instance's <c>outcome</c> on the case, closes it and stamps
/// <c>ClosedAt</c> (the first closing time stays when the step runs again). Sets no variable. An outcome outside the
/// contract's list is a technical failure (an incident), not a silently wrong statistic.
/// </summary>
public sealed class RecordOutcomeHandler(IServiceScopeFactory scopes) : IServiceTaskHandler
{
    public const string Name = "recordOutcome";

    /// <summary>The contract's closure codes, which the reports count.</summary>
    public static IEnumerable<string> Outcomes => CaseLabels.Outcomes.Keys;

    public async Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        var outcome = context.Variables["outcome"] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw new InvalidOperationException($"'{context.ElementId}': the instance has no outcome to record; set the variable outcome");
        if (!Outcomes.Contains(outcome, StringComparer.Ordinal))
            throw new InvalidOperationException($"'{context.ElementId}': '{outcome}' is not an outcome; one of {string.Join(", ", Outcomes)}");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        for (var attempt = 1; ; attempt++)
        {
            var @case = await HandlerCases.FindAsync(db, context, cancellationToken);
            if (@case.Status == CaseStatus.Closed && @case.Outcome == outcome) return null;   // the step ran before
            @case.Outcome = outcome;
            @case.ClosedAt ??= context.Now;
            @case.Status = CaseStatus.Closed;
            @case.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();   // the start sweep touched the row: read it again
            }
        }
    }
}

/// <summary>The case a service task works on: the one whose number is the instance's business key, or whose instance it is.</summary>
internal static class HandlerCases
{
    public static async Task<Case> FindAsync(HostDbContext db, ServiceTaskContext context, CancellationToken ct)
    {
        var key = context.BusinessKey;
        return await db.Set<Case>().FirstOrDefaultAsync(c => c.CaseNumber == key || c.ProcessInstanceId == context.InstanceId, ct)
            ?? throw new InvalidOperationException(
                $"'{context.ElementId}' ({context.HandlerName}): no case has the business key '{key}' or instance {context.InstanceId}; start the process through POST /api/cases");
    }
}
