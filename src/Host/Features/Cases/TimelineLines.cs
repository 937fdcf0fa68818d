using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediation.Host.Features.Tasks;
using Mediation.Workflows.Bpmn;
using Journal = Mediation.Workflows.Journal.JournalKinds;

namespace Mediation.Host.Features.Cases;

/// <summary>One line of the case page's timeline: when, what (labelled), at which step of the process, who, and the particulars.</summary>
public sealed record TimelineLine(DateTimeOffset At, string Kind, Label What, string? ElementId, string? ElementName,
    string? Actor, string? Detail);

/// <summary>
/// The case page's timeline: the case's records and its process's journal as <see cref="Records.CaseTimeline"/> merges
/// them for <c>GET /api/cases/{caseNumber}</c>, each entry named in Chinese and English, its element by the name the
/// BPMN file gives it, and a journal entry's data cut down to what a mediator reads.
/// </summary>
public static class TimelineLines
{
    private const int MaxValueLength = 120;
    private const int MaxLineLength = 1200;

    // Chinese names stay readable rather than \u-escaped; Razor HTML-encodes the text when it writes the page.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<TimelineLine> Of(IReadOnlyList<Records.TimelineEntry> timeline, IReadOnlyDictionary<string, string> names)
    {
        var lines = new List<TimelineLine>();
        foreach (var e in timeline)
        {
            var line = e.Source == "journal"
                ? new TimelineLine(e.At, e.Kind, CaseLabels.Of(CaseLabels.JournalKinds, e.Kind), e.ElementId,
                    e.ElementId is null ? null : names.GetValueOrDefault(e.ElementId), e.Actor, Detail(e.Kind, e.Data))
                : new TimelineLine(e.At, e.Kind, CaseLabels.Of(CaseLabels.RecordKinds, e.Kind), null, null, e.Actor, e.Summary);
            // A step that sets many variables at once (a flow's defaults, a completed form) is one line, not forty:
            // the API's timeline keeps every change.
            if (lines.Count > 0 && lines[^1] is var last && IsSameStepsVariables(last, line))
                lines[^1] = last with { Detail = Cut($"{last.Detail}; {line.Detail}", MaxLineLength) };
            else
                lines.Add(line);
        }
        return lines;
    }

    private static bool IsSameStepsVariables(TimelineLine previous, TimelineLine next)
        => previous.Kind == Journal.VariableChanged && next.Kind == Journal.VariableChanged
            && previous.ElementId == next.ElementId && previous.Actor == next.Actor && previous.At == next.At;

    /// <summary>The names of a process's elements by id (those without a name are shown by id).</summary>
    public static IReadOnlyDictionary<string, string> ElementNames(ProcessModel process)
        => process.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Name))
            .GroupBy(n => n.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name!, StringComparer.Ordinal);

    private static string? Detail(string kind, JsonNode? node)
    {
        if (node is not JsonObject data) return null;
        return kind switch
        {
            Journal.TaskCreated => Join(
                Text(data, "assignee") is { } assignee ? $"办理人 Assignee {assignee}" : null,
                Groups(data) is { Length: > 0 } groups ? $"候选组 Groups {groups}" : null,
                Time(data, "dueAt") is { } due ? $"期限 Due {due}" : null),
            Journal.VariableChanged => $"{Text(data, "name")} = {Value(data["newValue"])}"
                + (data["oldValue"] is { } old ? $"（原 was {Value(old)}）" : ""),
            Journal.IncidentRaised => Text(data, "message"),
            Journal.IncidentResolved => Text(data, "by"),
            Journal.MessageReceived => Join(Text(data, "name"), Text(data, "correlationKey")),
            Journal.ErrorThrown or Journal.ErrorCaught => Join(Text(data, "errorCode"), Text(data, "message")),
            Journal.TimerFired => Time(data, "dueAt") is { } due ? $"到期 Due {due}" : null,
            Journal.InstanceStarted => $"{Text(data, "definitionKey")} v{Value(data["definitionVersion"])}",
            Journal.TaskCompleted or Journal.TaskClaimed or Journal.TaskUnclaimed or Journal.TaskCancelled => null,
            _ => Cut(data.ToJsonString(Readable)),
        };
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }

    // The engine journals a task's groups as its stored comma-separated text; a list is read as well.
    private static string? Groups(JsonObject data)
        => data["candidateGroups"] is JsonArray list ? string.Join(", ", list.Select(Value)) : Text(data, "candidateGroups");

    private static string? Text(JsonObject data, string name) => data[name] is { } value ? Value(value) : null;

    private static string? Time(JsonObject data, string name)
        => data[name] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at) ? InboxModel.Local(at) : null;

    /// <summary>A string as itself, anything else as JSON, cut short: a variable may hold a whole list of parties.</summary>
    private static string Value(JsonNode? node)
        => Cut(node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString(Readable) ?? "null");

    private static string Cut(string text, int length = MaxValueLength) => text.Length <= length ? text : text[..length] + "…";
}
