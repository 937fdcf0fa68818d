using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>POST /api/points/process</c> (supervisors, administrators): applies the rules to the journal now, as the minutely
/// job does. Safe to call any number of times: nothing is awarded twice.
/// </summary>
public static class ProcessNow
{
    public static async Task<Ok<ProcessingResult>> Handle(PointsProcessor processor, CancellationToken ct)
        => TypedResults.Ok(await processor.RunAsync(ct));
}
