using Hangfire;

namespace Mediation.Host.Features.Points;

/// <summary>Every minute: applies the earning rules to the journal written since the last run.</summary>
public sealed class AwardPointsJob(PointsProcessor processor)
{
    public const string Id = "award-points";

    // Two nodes may still both run it (the lock is per storage, a retry): the processor's cursor revision lets one commit.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => processor.RunAsync(cancellationToken);
}
