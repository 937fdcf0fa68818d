using System.Text.Json;
using System.Text.Json.Nodes;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// The guardrail of DOMAIN §5: points are never awarded to or deducted from a party, whether they accept, refuse or settle
/// (mediation is voluntary: PML 3, 17, 23). A case's parties are read from its instances' variables (<c>parties</c>,
/// <c>applicant(s)</c>, <c>respondent(s)</c>, a multi-instance <c>party</c>): every text in them, at any depth, names a
/// party (a name, a user name, a household code), and a recipient matching any of them is refused.
/// </summary>
public sealed class CaseParties(IWorkflowDbFactory workflows)
{
    /// <summary>The variables that hold parties; a rule may not name one as its recipient variable.</summary>
    public static readonly IReadOnlySet<string> PartyVariables = new HashSet<string>(
        ["parties", "party", "applicant", "applicants", "respondent", "respondents"], StringComparer.OrdinalIgnoreCase);

    private const int OpenCaseScanLimit = 200;

    public async Task<bool> CaseExistsAsync(string businessKey, CancellationToken ct)
    {
        await using var db = workflows.Create();
        return await db.ProcessInstances.AnyAsync(i => i.BusinessKey == businessKey, ct);
    }

    /// <summary>The parties of the case: of every instance with this business key, or of the one instance when it has none.</summary>
    public async Task<IReadOnlySet<string>> OfCaseAsync(string? businessKey, Guid? instanceId, CancellationToken ct)
    {
        await using var db = workflows.Create();
        var query = db.ProcessInstances.AsNoTracking();
        query = businessKey is not null ? query.Where(i => i.BusinessKey == businessKey) : query.Where(i => i.Id == instanceId);
        var variables = await query.OrderBy(i => i.Id).Select(i => i.VariablesJson).Take(OpenCaseScanLimit).ToListAsync(ct);
        return Collect(variables);
    }

    /// <summary>
    /// The open case (running or suspended instance) in which one of <paramref name="names"/> is a party, if any: a manual
    /// entry that names no case must not be a way round the guardrail. The database narrows by text first.
    /// </summary>
    public async Task<string?> OpenCaseNamingPartyAsync(IReadOnlyCollection<string> names, CancellationToken ct)
    {
        await using var db = workflows.Create();
        foreach (var name in names.Where(n => n.Length > 0))
        {
            // The engine stores variables with System.Text.Json's default escaping (Chinese as \uXXXX): search for that form.
            var stored = JsonSerializer.Serialize(name)[1..^1];
            var candidates = await db.ProcessInstances.AsNoTracking()
                .Where(i => (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended) && i.VariablesJson.Contains(stored))
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.BusinessKey, i.VariablesJson }).Take(OpenCaseScanLimit).ToListAsync(ct);
            var hit = candidates.FirstOrDefault(c => IsParty(Collect([c.VariablesJson]), names));
            if (hit is not null) return hit.BusinessKey ?? hit.Id.ToString();
        }
        return null;
    }

    public static bool IsParty(IReadOnlySet<string> parties, IEnumerable<string> names) => names.Any(n => n.Length > 0 && parties.Contains(n));

    public static IReadOnlySet<string> Collect(IEnumerable<string> variablesJson)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var json in variablesJson)
        {
            if (JsonNode.Parse(json) is not JsonObject variables) continue;
            foreach (var (name, value) in variables)
            {
                if (PartyVariables.Contains(name)) Texts(value, found);
            }
        }
        return found;
    }

    private static void Texts(JsonNode? node, HashSet<string> found)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text):
                found.Add(text.Trim());
                break;
            case JsonArray array:
                foreach (var item in array) Texts(item, found);
                break;
            case JsonObject obj:
                foreach (var (_, item) in obj) Texts(item, found);
                break;
        }
    }
}
