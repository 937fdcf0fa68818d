using System.Text.Json.Nodes;
using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Handlers;

/// <summary>
/// The <c>scheduleFollowUp</c> service task: plans a follow-up visit on the case, due at <c>performanceDue</c> when the
/// instance has it, else 5 working days from now on the business calendar, and sets <c>followUpDue</c> to that time (ISO
/// 8601). The visit is keyed by instance, token and element, so a step run again (a retried command) finds the visit it
/// planned and answers the same due time.
/// </summary>
public sealed class ScheduleFollowUpHandler(IServiceScopeFactory scopes) : IServiceTaskHandler
{
    public const string Name = "scheduleFollowUp";
    public const int DefaultWorkingDays = 5;

    public async Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        // A scope of its own: handlers are resolved once per run from the root, and a context must not be shared between commands.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<RecordClock>();
        var @case = await HandlerCases.FindAsync(db, context, cancellationToken);
        var key = $"{context.InstanceId:N}/{context.TokenId:N}/{context.ElementId}";
        var planned = await db.Set<FollowUpVisit>().AsNoTracking().FirstOrDefaultAsync(f => f.StepKey == key, cancellationToken);
        if (planned is null)
        {
            var visit = new FollowUpVisit
            {
                Id = Guid.CreateVersion7(context.Now), CaseId = @case.Id, StepKey = key, DueAt = Due(context, clock),
                PlannedBy = $"process:{context.ElementId}", PlannedAt = context.Now,
            };
            db.Add(visit);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                planned = visit;
            }
            catch (DbUpdateException)
            {
                // The same step run twice at once: the other run's visit stands.
                db.ChangeTracker.Clear();
                planned = await db.Set<FollowUpVisit>().AsNoTracking().FirstAsync(f => f.StepKey == key, cancellationToken);
            }
        }
        return new Dictionary<string, JsonNode?> { ["followUpDue"] = clock.Format(planned.DueAt!.Value) };
    }

    private static DateTimeOffset Due(ServiceTaskContext context, RecordClock clock)
    {
        if (context.Variables["performanceDue"] is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            return clock.AddWorkdays(context.Now, DefaultWorkingDays).At;
        return clock.ReadInstant(text) ?? throw new InvalidOperationException(
            $"'{context.ElementId}': performanceDue '{text}' is not an ISO 8601 date-time such as 2026-04-30T23:59:59+08:00");
    }
}
