using Mediation.Host.Features.Organisation;

namespace Mediation.Host.Features.Cases;

/// <summary>The body of <c>POST /api/cases</c>: what intake (登记) records about a dispute. Codes are camelCase.</summary>
public sealed record IntakeRequest(
    string? Channel,
    string? Category,
    string? RiskLevel,
    string? AreaCode,
    string? Facts,
    string? IssuesInDispute,
    bool? Collective,
    int? PersonsInvolved,
    bool? CourtDelegated,
    bool? SecurityMatter,
    string? DefinitionKey,
    List<PartyRequest?>? Parties);

/// <summary>One party; <c>birthDate</c> is <c>yyyy-MM-dd</c>, <c>consent</c> is <c>written</c> or <c>oral</c>.</summary>
public sealed record PartyRequest(
    string? Role,
    string? Name,
    string? Sex,
    string? BirthDate,
    int? Age,
    string? Ethnicity,
    string? IdNumber,
    string? Phone,
    string? Address,
    bool? Minor,
    string? Consent);

/// <summary>An intake that passed every check: the values to store, normalised, and the process to start.</summary>
public sealed record Registration(
    string Channel,
    CaseSource Source,
    string Category,
    string RiskLevel,
    OrgUnit Area,
    string Facts,
    string? IssuesInDispute,
    bool Collective,
    int? PersonsInvolved,
    bool CourtDelegated,
    bool SecurityMatter,
    string DefinitionKey,
    IReadOnlyList<Party> Parties);

/// <summary>Problems keyed by field path (<c>parties[1].idNumber</c>), several per field if need be.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public bool Has(string field) => errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
