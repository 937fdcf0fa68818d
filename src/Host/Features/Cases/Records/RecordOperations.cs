using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// The <c>operationId</c> of a request that creates a record: stored with the record in one save, so a repeated request
/// (a double click, a retry after a lost answer) finds the first record and makes no second one.
/// </summary>
public static class RecordOperations
{
    /// <summary>What an operation id says about a request before it runs.</summary>
    public enum Seen { New, Replay, OtherRequest }

    /// <summary>Whether <paramref name="operationId"/> made a record of <paramref name="kind"/> on this case before (and its id).</summary>
    public static async Task<(Seen Seen, string? RecordId)> FindAsync(HostDbContext db, string? operationId, int caseId, string kind,
        CancellationToken ct)
    {
        if (operationId is null) return (Seen.New, null);
        var earlier = await db.Set<RecordOperation>().AsNoTracking().FirstOrDefaultAsync(o => o.OperationId == operationId, ct);
        if (earlier is null) return (Seen.New, null);
        return earlier.CaseId == caseId && earlier.Kind == kind ? (Seen.Replay, earlier.RecordId) : (Seen.OtherRequest, null);
    }

    /// <summary>Adds the operation's row to the unit of work that creates the record.</summary>
    public static void Track(HostDbContext db, string? operationId, int caseId, string kind, string recordId, DateTimeOffset at)
    {
        if (operationId is null) return;
        db.Add(new RecordOperation { OperationId = operationId, CaseId = caseId, Kind = kind, RecordId = recordId, At = at });
    }

    /// <summary>
    /// Saves; when the same operation id was saved first by a concurrent request (the unique key refuses ours), returns
    /// the id of that request's record instead, with nothing of ours written.
    /// </summary>
    public static async Task<string?> SaveAsync(HostDbContext db, string? operationId, int caseId, string kind, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException) when (operationId is not null)
        {
            db.ChangeTracker.Clear();
            var (seen, recordId) = await FindAsync(db, operationId, caseId, kind, ct);
            if (seen == Seen.Replay) return recordId;
            throw;
        }
    }
}
