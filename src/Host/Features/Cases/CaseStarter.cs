using System.Text.Json.Nodes;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// Starts a registered case's process with the contract's start variables, under the instance id chosen at intake: a
/// second start (the retry after a crash, two sweeps at once) finds that instance instead of making another. A start
/// that fails leaves the case <see cref="CaseStatus.StartPending"/> with the reason, for the retry.
/// </summary>
public sealed class CaseStarter(HostDbContext db, IWorkflowEngine engine, ILogger<CaseStarter> logger)
{
    /// <summary>The started (or found) instance, or null when the start failed and the case waits for the retry.</summary>
    public async Task<ProcessInstanceView?> StartAsync(Case @case, string actor, CancellationToken ct)
    {
        ProcessInstanceView? instance;
        try
        {
            instance = await engine.StartAsync(new StartRequest(@case.DefinitionKey, @case.CaseNumber, StartVariables(@case), actor,
                @case.ProcessInstanceId), ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Lost to a concurrent start of the same case? Then its instance exists and the case has started after all.
            instance = await engine.GetInstanceAsync(@case.ProcessInstanceId, ct);
            if (instance is null)
            {
                logger.LogWarning(failure, "The process of case {CaseNumber} did not start; the retry will start it", @case.CaseNumber);
                await RecordAsync(@case, c => c.StartError = Truncate($"{failure.GetType().Name}: {failure.Message}"), ct);
                return null;
            }
        }
        await RecordAsync(@case, c => { c.Status = CaseStatus.InProgress; c.StartError = null; }, ct);
        return instance;
    }

    /// <summary>The variables every shipped flow starts from (the lead's contract); windows are the flows' own.</summary>
    public static Dictionary<string, JsonNode?> StartVariables(Case c) => new()
    {
        ["caseNumber"] = c.CaseNumber,
        ["channel"] = c.Channel,
        ["category"] = c.Category,
        ["riskLevel"] = c.RiskLevel,
        ["areaCode"] = c.AreaCode,
        ["courtDelegated"] = c.CourtDelegated,
        ["collective"] = c.Collective,
        ["partiesCount"] = c.Parties.Count,
        ["applicants"] = Names(c, PartyRole.Applicant),
        ["respondents"] = Names(c, PartyRole.Respondent),
    };

    private static JsonArray Names(Case c, PartyRole role)
        => new(c.Parties.Where(p => p.Role == role).OrderBy(p => p.Position).Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray());

    /// <summary>Writes the outcome of an attempt; if another process wrote the case meanwhile, its word stands and the row is reloaded.</summary>
    private async Task RecordAsync(Case @case, Action<Case> change, CancellationToken ct)
    {
        change(@case);
        @case.StartAttempts++;
        @case.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(@case).ReloadAsync(ct);
        }
    }

    private static string Truncate(string text) => text.Length <= CaseLimits.StartErrorLength ? text : text[..CaseLimits.StartErrorLength];
}
