using System.Security.Claims;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// The case a record request names, if the caller may see it (<see cref="CaseAccess"/>): a case they may not see answers
/// 404 exactly as a missing one does, for reading and writing alike.
/// </summary>
public sealed class CaseRecordAccess(HostDbContext db, CaseAccess access)
{
    public async Task<Case?> FindAsync(string caseNumber, ClaimsPrincipal user, CancellationToken ct, bool withParties = false)
    {
        if (string.IsNullOrWhiteSpace(caseNumber) || caseNumber.Length > CaseLimits.CaseNumberLength) return null;
        var cases = db.Set<Case>().AsQueryable();
        if (withParties) cases = cases.Include(c => c.Parties);
        var @case = await cases.FirstOrDefaultAsync(c => c.CaseNumber == caseNumber, ct);
        return @case is not null && await access.CanSeeAsync(user, @case, ct) ? @case : null;
    }
}
