using System.Text.Json.Nodes;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Points;

/// <summary>
/// Turns a batch of journal entries into ledger entries: which rules match, who earns, the party guardrail and the
/// per-case caps. Adds the entries to the context; the processor commits them with the cursor.
/// </summary>
public sealed class RuleAwards(HostDbContext db, PointsLedger ledger, CaseParties parties, IOptions<PointsOptions> options,
    ILogger<RuleAwards> logger)
{
    private sealed record InstanceFacts(Guid Id, string DefinitionKey, string? BusinessKey, string VariablesJson);

    private sealed record TaskFacts(Guid Id, string? Assignee, string? CompletedBy);

    private sealed record Candidate(JournalEntryEntity Journal, PointsRule Rule, InstanceFacts Instance, Guid? TaskId, Recipient Recipient);

    /// <summary>
    /// Adds the batch's awards to the context. Journal entries above <paramref name="seenUpTo"/> are new to the ledger: only
    /// their refusals are counted and logged, not again on each rescan.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<JournalEntryEntity> batch, IReadOnlyList<PointsRule> rules, WorkflowDbContext journal,
        long seenUpTo, RunTally tally, CancellationToken ct)
    {
        var candidates = await AllowedAsync(await CandidatesAsync(batch, rules, journal, ct), seenUpTo, tally, ct);
        if (candidates.Count == 0) return;

        // Accounts are opened (and saved) before any entry is added, so only the processor's commit writes entries.
        var accounts = new Dictionary<string, PointsAccount>();
        foreach (var recipient in candidates.Select(c => c.Recipient).DistinctBy(Id))
            accounts[Id(recipient)] = await ledger.AccountForAsync(recipient, ct);
        var first = batch[0].Id;
        var last = batch[^1].Id;
        var taken = (await ledger.Entries.Where(e => e.JournalEntryId >= first && e.JournalEntryId <= last).Select(e => e.Key).ToListAsync(ct)).ToHashSet();
        foreach (var candidate in candidates) await AddOneAsync(candidate, accounts[Id(candidate.Recipient)], taken, tally, ct);
    }

    private async Task<List<Candidate>> CandidatesAsync(IReadOnlyList<JournalEntryEntity> batch, IReadOnlyList<PointsRule> rules,
        WorkflowDbContext journal, CancellationToken ct)
    {
        var instanceIds = batch.Select(e => e.InstanceId).Distinct().ToList();
        var instances = await journal.ProcessInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new InstanceFacts(i.Id, i.DefinitionKey, i.BusinessKey, i.VariablesJson)).ToDictionaryAsync(i => i.Id, ct);
        var taskIds = batch.Select(TaskIdOf).OfType<Guid>().Distinct().ToList();
        var tasks = await journal.UserTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .Select(t => new TaskFacts(t.Id, t.Assignee, t.CompletedBy)).ToDictionaryAsync(t => t.Id, ct);
        var candidates = new List<Candidate>();
        foreach (var entry in batch)
        {
            if (!instances.TryGetValue(entry.InstanceId, out var instance)) continue;
            var taskId = TaskIdOf(entry);
            var task = taskId is { } id ? tasks.GetValueOrDefault(id) : null;
            foreach (var rule in rules.Where(r => Matches(r, entry, instance)))
            {
                foreach (var recipient in await RecipientsAsync(rule, entry, instance, task, ct))
                    candidates.Add(new Candidate(entry, rule, instance, taskId, recipient));
            }
        }
        return candidates;
    }

    /// <summary>The candidates who are not a party to their case: a party gets no entry and no account.</summary>
    private async Task<List<Candidate>> AllowedAsync(List<Candidate> candidates, long seenUpTo, RunTally tally, CancellationToken ct)
    {
        var partiesByCase = new Dictionary<string, IReadOnlySet<string>>();
        var allowed = new List<Candidate>();
        foreach (var c in candidates)
        {
            var caseKey = CaseKey(c.Instance);
            if (!partiesByCase.TryGetValue(caseKey, out var caseParties))
                partiesByCase[caseKey] = caseParties = await parties.OfCaseAsync(c.Instance.BusinessKey, c.Instance.Id, ct);
            if (!CaseParties.IsParty(caseParties, c.Recipient.Names))
            {
                allowed.Add(c);
                continue;
            }
            if (c.Journal.Id <= seenUpTo) continue;
            logger.LogWarning("Points: rule {Rule} would award {Recipient}, a party to case {Case}; refused (points never go to a party)",
                c.Rule.Id, c.Recipient.Label, caseKey);
            tally.CountRefused();
        }
        return allowed;
    }

    private async Task AddOneAsync(Candidate c, PointsAccount account, HashSet<string> taken, RunTally tally, CancellationToken ct)
    {
        var key = $"rule:{c.Rule.Id}:journal:{c.Journal.Id}:account:{account.Id}";
        if (!taken.Add(key)) return;
        var amount = await CappedAsync(c, account, CaseKey(c.Instance), tally, ct);
        if (amount <= 0) return;
        var status = c.Rule.RequiresConfirmation ? PointsEntryStatus.Pending : PointsEntryStatus.Confirmed;
        db.Add(new PointsEntry
        {
            Key = key, AccountId = account.Id, Amount = amount, Status = status, Source = PointsEntrySource.Rule, RuleId = c.Rule.Id,
            BusinessKey = c.Instance.BusinessKey, InstanceId = c.Instance.Id, ElementId = c.Journal.ElementId, TaskId = c.TaskId,
            JournalEntryId = c.Journal.Id, Reason = c.Rule.Name, CreatedAt = c.Journal.At,
        });
        tally.Add(account.Id, CaseKey(c.Instance), c.Rule.Id, amount);
        tally.Counted(status);
    }

    private static string CaseKey(InstanceFacts instance) => instance.BusinessKey ?? instance.Id.ToString();

    /// <summary>The rule's points, cut to what is left under the rule's cap and the ledger's cap for this case.</summary>
    private async Task<int> CappedAsync(Candidate c, PointsAccount account, string caseKey, RunTally tally, CancellationToken ct)
    {
        var bk = c.Instance.BusinessKey;
        var onCase = await ledger.EarnedOnCaseAsync(account.Id, bk, c.Instance.Id, null, ct) + tally.AddedOnCase(account.Id, caseKey, null);
        var left = options.Value.MaxPerCase - onCase;
        if (c.Rule.CapPerCase is { } cap)
        {
            var fromRule = await ledger.EarnedOnCaseAsync(account.Id, bk, c.Instance.Id, c.Rule.Id, ct) + tally.AddedOnCase(account.Id, caseKey, c.Rule.Id);
            left = Math.Min(left, cap - fromRule);
        }
        return Math.Min(c.Rule.Points, left);
    }

    private static bool Matches(PointsRule rule, JournalEntryEntity entry, InstanceFacts instance)
        => rule.EventKind == entry.Kind
           && (rule.ProcessKey is null || rule.ProcessKey == instance.DefinitionKey)
           && (rule.ElementId is null || rule.ElementId == entry.ElementId);

    private async Task<IReadOnlyList<Recipient>> RecipientsAsync(PointsRule rule, JournalEntryEntity entry, InstanceFacts instance, TaskFacts? task, CancellationToken ct)
    {
        var found = new List<Recipient>();
        switch (rule.Recipient)
        {
            case PointsRecipient.Actor:
                await AddUserAsync(found, entry.Actor, rule.RecipientRole);
                break;
            case PointsRecipient.Assignee:
                await AddUserAsync(found, task?.Assignee ?? task?.CompletedBy, rule.RecipientRole);
                break;
            case PointsRecipient.UserVariable:
                foreach (var name in Texts(instance.VariablesJson, rule.Variable)) await AddUserAsync(found, name, rule.RecipientRole);
                break;
            case PointsRecipient.HouseholdVariable:
                foreach (var code in Texts(instance.VariablesJson, rule.Variable))
                    if (await ledger.HouseholdAsync(code, ct) is { } household) found.Add(household);
                break;
        }
        return found.DistinctBy(r => (r.Kind, r.Label)).ToList();
    }

    private async Task AddUserAsync(List<Recipient> found, string? userName, string? role)
    {
        // Actors such as "timer" or "system" are not users: no account, no points.
        if (await ledger.UserAsync(userName, role) is { } user) found.Add(user);
    }

    /// <summary>A variable holding a text or a list of texts (user names, household codes).</summary>
    private static IEnumerable<string> Texts(string variablesJson, string? variable)
    {
        if (variable is null || JsonNode.Parse(variablesJson) is not JsonObject variables) return [];
        return variables[variable] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => [text],
            JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var t) ? t : null).OfType<string>().ToList(),
            _ => [],
        };
    }

    private static Guid? TaskIdOf(JournalEntryEntity entry)
    {
        if (entry.Data is null || !entry.Data.Contains("taskId", StringComparison.Ordinal)) return null;
        return JsonNode.Parse(entry.Data) is JsonObject data && data["taskId"] is JsonValue value && value.TryGetValue<Guid>(out var id) ? id : null;
    }

    private static string Id(Recipient recipient) => $"{recipient.Kind}:{recipient.Label}";
}
