using System.Text.Json.Serialization;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Cases;

/// <summary>A case as the API shows it: what intake recorded, its parties in order, its process and its open tasks.</summary>
public sealed record CaseView(
    string CaseNumber,
    string Status,
    string Channel,
    string Source,
    string Category,
    string RiskLevel,
    string AreaCode,
    string? AreaName,
    string Facts,
    string? IssuesInDispute,
    bool Collective,
    int? PersonsInvolved,
    bool CourtDelegated,
    bool SecurityMatter,
    string DefinitionKey,
    Guid? ProcessInstanceId,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Outcome,
    DateTimeOffset? ClosedAt,
    string? StartError,
    IReadOnlyList<PartyView> Parties,
    InstanceSummary? Instance,
    IReadOnlyList<UserTaskView> OpenTasks)
{
    /// <summary>Only in <c>GET /api/cases/{caseNumber}</c>: the case's records, counted and linked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Records.CaseRecordsView? Records { get; init; }

    /// <summary>Only in <c>GET /api/cases/{caseNumber}</c>: records and journal entries merged by time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Records.TimelineEntry>? Timeline { get; init; }

    /// <summary>Only in the answer to intake: the tasks the start created.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaskRef>? NewTasks { get; init; }

    public static CaseView Of(Case c, string? areaName, ProcessInstanceView? instance, IReadOnlyList<UserTaskView> openTasks) => new(
        c.CaseNumber, c.Status.ToString(), c.Channel, c.Source.ToString(), c.Category, c.RiskLevel, c.AreaCode, areaName,
        c.Facts, c.IssuesInDispute, c.Collective, c.PersonsInvolved, c.CourtDelegated, c.SecurityMatter, c.DefinitionKey,
        c.Status == CaseStatus.StartPending ? null : c.ProcessInstanceId, c.CreatedBy, c.CreatedAt, c.Outcome, c.ClosedAt, c.StartError,
        c.Parties.OrderBy(p => p.Position).Select(PartyView.Of).ToList(),
        instance is null ? null : new InstanceSummary(instance.Id, instance.Status, instance.Waiting, instance.DefinitionId),
        openTasks);
}

public sealed record PartyView(string Role, string Name, string? Sex, DateOnly? BirthDate, int? Age, string? Ethnicity,
    string? IdNumber, string? Phone, string? Address, bool Minor, string Consent)
{
    public static PartyView Of(Party p) => new(Camel(p.Role.ToString()), p.Name, p.Sex is { } s ? Camel(s.ToString()) : null,
        p.BirthDate, p.Age, p.Ethnicity, p.IdNumber, p.Phone, p.Address, p.Minor, Camel(p.Consent.ToString()));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>The case's process instance: running, suspended, completed or cancelled, and the elements its tokens wait at.</summary>
/// <param name="DefinitionId">The version the instance runs on, for its diagram.</param>
public sealed record InstanceSummary(Guid Id, string Status, IReadOnlyList<string> Waiting, Guid DefinitionId);

/// <summary>A line of the case list.</summary>
public sealed record CaseSummary(string CaseNumber, string Status, string Channel, string Source, string Category, string RiskLevel,
    string AreaCode, bool Collective, IReadOnlyList<string> Applicants, IReadOnlyList<string> Respondents, DateTimeOffset CreatedAt,
    string? Outcome);

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, int Page, int PageSize, int Total);
