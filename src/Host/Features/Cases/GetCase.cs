using System.Security.Claims;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// <c>GET /api/cases/{caseNumber}</c>: the case, its parties, its process (status, where it waits), every open task of the
/// case, its records (counts and links) and its timeline (records and journal merged by time). A case the caller may not
/// see answers 404, as a missing one does.
/// </summary>
public static class GetCase
{
    public static async Task<Results<Ok<CaseView>, NotFound>> Handle(string caseNumber, ClaimsPrincipal user, CaseAccess access,
        HostDbContext db, IWorkflowEngine engine, CancellationToken ct)
    {
        var @case = await db.Set<Case>().AsNoTracking().Include(c => c.Parties).FirstOrDefaultAsync(c => c.CaseNumber == caseNumber, ct);
        if (@case is null || !await access.CanSeeAsync(user, @case, ct)) return TypedResults.NotFound();
        var areaName = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Code == @case.AreaCode).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var instance = @case.Status == CaseStatus.StartPending ? null : await engine.GetInstanceAsync(@case.ProcessInstanceId, ct);
        var tasks = await engine.ListTasksAsync(new TaskQuery { SeeAll = true, BusinessKey = @case.CaseNumber }, ct);
        var records = await CaseRecordSet.LoadAsync(db, @case, ct);
        var journal = instance is null ? [] : await engine.GetJournalAsync(@case.ProcessInstanceId, ct);
        return TypedResults.Ok(CaseView.Of(@case, areaName, instance, tasks) with
        {
            Records = CaseRecordsView.Of(@case, records), Timeline = Records.CaseTimeline.Merge(@case, records, journal),
        });
    }
}
