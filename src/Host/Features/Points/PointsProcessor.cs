using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Points;

/// <summary>What one run did: entries written (confirmed and pending), awards refused by a guardrail, and how far it read.</summary>
public sealed record ProcessingResult(int Confirmed, int Pending, int Refused, long LastJournalId, bool LostRace);

/// <summary>
/// Applies the active earning rules to the engine's journal after the stored cursor, exactly once per journal entry, rule
/// and recipient: each entry's key is unique, and each batch commits together with the cursor's revision, so of two runs
/// at once (two nodes, the job and an on-demand run) only one writes. Runs from the Hangfire job and from
/// <c>POST /api/points/process</c>.
/// </summary>
public sealed class PointsProcessor(HostDbContext db, IWorkflowDbFactory workflows, RuleAwards awards, TimeProvider clock,
    IOptions<PointsOptions> options, ILogger<PointsProcessor> logger)
{
    public async Task<ProcessingResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = await PointsSeeder.EnsureStateAsync(db, workflows, now, ct);
        var rules = await db.Set<PointsRule>().AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        var kinds = rules.Select(r => r.EventKind).Distinct().ToList();
        await using var journal = workflows.Create();
        var end = await journal.Journal.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var tally = new RunTally();
        var seenUpTo = state.LastJournalId;
        var after = state.RescanFromId;
        while (kinds.Count > 0)
        {
            var batch = await journal.Journal.AsNoTracking()
                .Where(e => e.Id > after && e.Id <= end && kinds.Contains(e.Kind))
                .OrderBy(e => e.Id).Take(options.Value.BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            await awards.AddAsync(batch, rules, journal, seenUpTo, tally, ct);
            after = batch[^1].Id;
            if (!await CommitAsync(state, tally, Math.Max(state.LastJournalId, after), now, advanceRescan: false, ct)) return tally.Result(state, lostRace: true);
            if (batch.Count < options.Value.BatchSize) break;
        }
        if (!await CommitAsync(state, tally, Math.Max(state.LastJournalId, end), now, advanceRescan: true, ct)) return tally.Result(state, lostRace: true);
        if (tally.Confirmed + tally.Pending + tally.Refused > 0)
            logger.LogInformation("Points: {Confirmed} confirmed and {Pending} pending entries, {Refused} refused, journal read to {Last}",
                tally.Confirmed, tally.Pending, tally.Refused, state.LastJournalId);
        return tally.Result(state, lostRace: false);
    }

    /// <summary>Writes the batch's entries with the cursor; false when another run committed since this one read it.</summary>
    private async Task<bool> CommitAsync(PointsProcessingState state, RunTally tally, long lastJournalId, DateTimeOffset now, bool advanceRescan, CancellationToken ct)
    {
        state.LastJournalId = lastJournalId;
        state.LastRunAt = now;
        if (advanceRescan && now - state.CandidateSince >= options.Value.RescanWindow)
        {
            // The candidate was the journal's end at least a window ago: anything at or below it has long committed.
            state.RescanFromId = Math.Max(state.RescanFromId, state.CandidateRescanFromId);
            state.CandidateRescanFromId = lastJournalId;
            state.CandidateSince = now;
        }
        state.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
            tally.Committed();
            return true;
        }
        catch (DbUpdateException e)
        {
            // A concurrency conflict on the cursor or a key another run wrote first: that run has done this work.
            logger.LogInformation(e, "Points: another run processed the journal at the same time; this run stops");
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

/// <summary>Counts of one run, and the amounts its open batch has added but not yet committed (caps count them too).</summary>
public sealed class RunTally
{
    private readonly Dictionary<(int Account, string Case, int? Rule), int> added = [];
    private int batchConfirmed, batchPending, batchRefused;

    public int Confirmed { get; private set; }
    public int Pending { get; private set; }
    public int Refused { get; private set; }

    public void Counted(PointsEntryStatus status)
    {
        if (status == PointsEntryStatus.Pending) batchPending++;
        else batchConfirmed++;
    }

    public void CountRefused() => batchRefused++;

    /// <summary>The batch committed: its counts are the run's, and its amounts are in the database for the next batch's caps.</summary>
    public void Committed()
    {
        (Confirmed, Pending, Refused) = (Confirmed + batchConfirmed, Pending + batchPending, Refused + batchRefused);
        (batchConfirmed, batchPending, batchRefused) = (0, 0, 0);
        added.Clear();
    }

    public int AddedOnCase(int account, string caseKey, int? rule) => added.GetValueOrDefault((account, caseKey, rule));

    public void Add(int account, string caseKey, int rule, int amount)
    {
        added[(account, caseKey, rule)] = AddedOnCase(account, caseKey, rule) + amount;
        added[(account, caseKey, null)] = AddedOnCase(account, caseKey, null) + amount;
    }

    public ProcessingResult Result(PointsProcessingState state, bool lostRace) => new(Confirmed, Pending, Refused, state.LastJournalId, lostRace);
}
