using Hangfire;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Infrastructure.Hangfire;

/// <summary>Every minute: flags open tasks past their due time, so inboxes and the journal show them overdue.</summary>
public sealed class OverdueTasksJob(IWorkflowEngine engine, ILogger<OverdueTasksJob> logger)
{
    public const string Id = "mark-overdue-tasks";

    // Safe to run twice (two hosts, a retry): a task already flagged is skipped by the query.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var flagged = await engine.MarkOverdueTasksAsync(cancellationToken);
        if (flagged > 0) logger.LogInformation("Flagged {Count} task(s) overdue", flagged);
    }
}
