using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Scenarios;

/// <summary>What each step kind does: complete, advance, message, expect.</summary>
internal sealed partial class ScenarioSession
{
    private async Task RunStepAsync(JsonObject step, CancellationToken ct)
    {
        if (step["complete"] is { } complete) await CompleteAsync(complete.ToString(), step["variables"] as JsonObject, ct);
        else if (step["advance"] is { } advance) await AdvanceAsync(advance.ToString(), ct);
        else if (step["message"] is JsonObject message) await SendAsync(message, ct);
        else if (step["expect"] is JsonObject expect) await ExpectAsync(expect, ct);
        else throw new ScenarioDivergence("unknown step: use complete, advance, message or expect");
    }

    private async Task CompleteAsync(string elementId, JsonObject? variables, CancellationToken ct)
    {
        // The scenario's database holds only this instance and the instances it called.
        var tasks = await engine.ListTasksAsync(new TaskQuery { SeeAll = true, Limit = 1000 }, ct);
        var task = tasks.FirstOrDefault(t => t.ElementId == elementId)
            ?? throw new ScenarioDivergence($"no open user task '{elementId}' (open: [{string.Join(", ", tasks.Select(t => t.ElementId))}])");
        var outcome = await engine.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "scenario", AsDictionary(variables)), ct);
        if (outcome.Outcome != TaskOutcome.Completed) throw new ScenarioDivergence($"completing '{elementId}' answered {outcome.Outcome}");
    }

    /// <summary>Moves the clock: each timer due by the target fires in due order, with the clock at its due time.</summary>
    private async Task AdvanceAsync(string duration, CancellationToken ct)
    {
        if (!IsoDuration.TryParse(duration, out var by)) throw new ScenarioDivergence($"advance '{duration}' is not an ISO 8601 duration");
        var target = by.AddTo(clock.GetUtcNow());
        while (await engine.NextTimerDueAsync(ct) is { } due && due <= target)
        {
            if (due > clock.GetUtcNow()) clock.MoveTo(due);
            if (await engine.FireDueTimersAsync(ct) == 0) break;
        }
        clock.MoveTo(target);
    }

    private async Task SendAsync(JsonObject message, CancellationToken ct)
    {
        var name = message["name"]?.ToString() ?? throw new ScenarioDivergence("a message needs a name");
        var outcome = await engine.CorrelateMessageAsync(new MessageRequest(name, message["correlationKey"]?.ToString(),
            AsDictionary(message["variables"] as JsonObject), "scenario"), ct);
        if (outcome != MessageOutcome.Correlated) throw new ScenarioDivergence($"message '{name}': {outcome}");
    }

    private async Task ExpectAsync(JsonObject expect, CancellationToken ct)
    {
        var instance = await engine.GetInstanceAsync(instanceId, ct) ?? throw new ScenarioDivergence("the instance is gone");
        foreach (var (key, value) in expect)
        {
            switch (key)
            {
                case "waiting":
                    CompareMultiset("waiting", Strings(value), instance.Waiting);
                    break;
                case "ended":
                    var ended = instance.Status is "Completed" or "Cancelled";
                    if (ended != value?.GetValue<bool>()) throw new ScenarioDivergence($"ended: expected {value}, found {ended.ToString().ToLowerInvariant()} (status {instance.Status})");
                    break;
                case "passed" or "notPassed":
                    var passed = (await engine.GetJournalAsync(instanceId, ct))
                        .Where(e => e.Kind == JournalKinds.ElementLeft && e.ElementId is not null).Select(e => e.ElementId!).ToHashSet();
                    foreach (var id in Strings(value))
                    {
                        if (key == "passed" && !passed.Contains(id)) throw new ScenarioDivergence($"passed: expected '{id}' to have completed, it did not");
                        if (key == "notPassed" && passed.Contains(id)) throw new ScenarioDivergence($"notPassed: expected '{id}' never to complete, it did");
                    }
                    break;
                case "incidents":
                    var open = await engine.ListIncidentsAsync(null, ct);
                    CompareMultiset("incidents", Strings(value), open.Select(i => i.ElementId).ToList());
                    break;
                case "variables":
                    foreach (var (name, expected) in value as JsonObject ?? [])
                    {
                        var actual = instance.Variables[name];
                        if (!SameValue(expected, actual))
                        {
                            throw new ScenarioDivergence($"variables.{name}: expected {expected?.ToJsonString() ?? "null"}, found {actual?.ToJsonString() ?? "null"}");
                        }
                    }
                    break;
                default:
                    throw new ScenarioDivergence($"unknown expect key '{key}'");
            }
        }
    }

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => n?.ToString() ?? "").ToList();

    private static void CompareMultiset(string key, List<string> expected, IReadOnlyList<string> actual)
    {
        var sortedExpected = expected.Order(StringComparer.Ordinal).ToList();
        var sortedActual = actual.Order(StringComparer.Ordinal).ToList();
        if (!sortedExpected.SequenceEqual(sortedActual))
        {
            throw new ScenarioDivergence($"{key}: expected [{string.Join(", ", sortedExpected)}], found [{string.Join(", ", sortedActual)}]");
        }
    }

    /// <summary>JSON equality where numbers compare by value (42 equals 42.0).</summary>
    internal static bool SameValue(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonValue e && actual is JsonValue a && e.TryGetValue<double>(out var x) && a.TryGetValue<double>(out var y)) return x == y;
        if (expected is JsonArray ea && actual is JsonArray aa) return ea.Count == aa.Count && ea.Zip(aa).All(p => SameValue(p.First, p.Second));
        if (expected is JsonObject eo && actual is JsonObject ao)
        {
            return eo.Count == ao.Count && eo.All(p => ao.ContainsKey(p.Key) && SameValue(p.Value, ao[p.Key]));
        }
        return JsonNode.DeepEquals(expected, actual);
    }
}
