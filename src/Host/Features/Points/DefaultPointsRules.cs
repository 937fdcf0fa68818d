using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Points;

/// <summary>
/// The earning rules written on the first start, named after the JointMediation flow of DOMAIN §7. They are a product
/// default, not law: a village adopts its own points list (DOMAIN §5), so supervisors edit, switch off or add rules
/// through <c>/api/points/rules</c>, and <c>Mediation:Points:SeedDefaultRules=false</c> starts with none.
/// </summary>
public static class DefaultPointsRules
{
    public static IReadOnlyList<PointsRule> Create(DateTimeOffset now) =>
    [
        new()
        {
            Name = "回访完成 Follow-up visit done", EventKind = JournalKinds.TaskCompleted, ElementId = "Task_FollowUpVisit",
            Recipient = PointsRecipient.Assignee, Points = 2, CapPerCase = 2, UpdatedAt = now, UpdatedBy = "default",
        },
        new()
        {
            Name = "受邀参加调解 Invited participant at a joint session", EventKind = JournalKinds.TaskCompleted,
            ElementId = "Task_JointSession", Recipient = PointsRecipient.UserVariable, Variable = "invitedParticipants",
            Points = 3, CapPerCase = 3, UpdatedAt = now, UpdatedBy = "default",
        },
        new()
        {
            Name = "受邀参加调解 Invited participant at a village session", EventKind = JournalKinds.TaskCompleted,
            ElementId = "Task_VillageMediation", Recipient = PointsRecipient.UserVariable, Variable = "invitedParticipants",
            Points = 3, CapPerCase = 3, UpdatedAt = now, UpdatedBy = "default",
        },
        new()
        {
            // Only once a mediator or the committee has confirmed that the report was real and early.
            Name = "网格员及早报告纠纷 Early report of a dispute by a grid member", EventKind = JournalKinds.InstanceStarted,
            Recipient = PointsRecipient.UserVariable, Variable = "reportedBy", RecipientRole = CandidateGroup.GridMembers,
            Points = 5, CapPerCase = 5, RequiresConfirmation = true, UpdatedAt = now, UpdatedBy = "default",
        },
    ];
}

/// <summary>
/// On the first start: the processing cursor, at the journal's end (rules award what happens from now on, not a past that
/// had no rules), and the default rules.
/// </summary>
public static class PointsSeeder
{
    public static async Task SeedPointsAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        if (await db.Set<PointsProcessingState>().AnyAsync(ct)) return;
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        if (scope.ServiceProvider.GetRequiredService<IOptions<PointsOptions>>().Value.SeedDefaultRules)
            db.AddRange(DefaultPointsRules.Create(now));
        await EnsureStateAsync(db, scope.ServiceProvider.GetRequiredService<IWorkflowDbFactory>(), now, ct);
    }

    /// <summary>The processing state, created at the journal's current end when missing (saving whatever else is pending with it).</summary>
    public static async Task<PointsProcessingState> EnsureStateAsync(HostDbContext db, IWorkflowDbFactory workflows, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Set<PointsProcessingState>().FirstOrDefaultAsync(s => s.Id == PointsProcessingState.SingletonId, ct) is { } existing) return existing;
        long end;
        await using (var journal = workflows.Create()) end = await journal.Journal.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var state = new PointsProcessingState { LastJournalId = end, RescanFromId = end, CandidateRescanFromId = end, CandidateSince = now };
        db.Add(state);
        try
        {
            await db.SaveChangesAsync(ct);
            return state;
        }
        catch (DbUpdateException)
        {
            // Another Host process on this database seeded first (same singleton key): keep what it wrote.
            db.ChangeTracker.Clear();
            return await db.Set<PointsProcessingState>().FirstAsync(s => s.Id == PointsProcessingState.SingletonId, ct);
        }
    }
}
