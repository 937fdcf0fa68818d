using System.Text.Json.Nodes;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Organisation;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// The <c>assignByArea</c> service task: of the members of <c>assignGroup</c> who serve the case's <c>areaCode</c>
/// (<see cref="CandidateGroupResolver"/>: the village's committee, the town's office...), the one holding the fewest open
/// tasks, ties broken by user name, becomes <c>mediator</c>. Nobody serving the area is a technical failure: an
/// incident, retried, until an administrator adds a member and retries it.
/// </summary>
public sealed class AssignByAreaHandler(IServiceScopeFactory scopes, IWorkflowEngine engine) : IServiceTaskHandler
{
    public const string Name = "assignByArea";

    public async Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        var group = Text(context, "assignGroup")
            ?? throw new InvalidOperationException($"'{context.ElementId}' names no group: set the input parameter assignGroup (e.g. villageMediators)");
        var area = Text(context, AreaTaskScope.Variable)
            ?? throw new InvalidOperationException($"'{context.ElementId}': the instance has no areaCode to assign by");

        // A scope of its own: handlers are resolved once per run from the root, and a context must not be shared between commands.
        await using var scope = scopes.CreateAsyncScope();
        var resolver = scope.ServiceProvider.GetRequiredService<CandidateGroupResolver>();
        var (resolution, problem) = await resolver.ResolveAsync(group, area, cancellationToken);
        var people = problem switch
        {
            ResolveProblem.UnknownGroup => throw new InvalidOperationException($"'{group}' is not a candidate group; one of {string.Join(", ", CandidateGroup.All.Keys)}"),
            ResolveProblem.UnknownArea => throw new InvalidOperationException($"no unit of the organisation tree has the code '{area}'"),
            _ => resolution!.People.Select(p => p.UserName).Distinct(StringComparer.Ordinal).ToList(),
        };
        if (people.Count == 0) throw new InvalidOperationException($"nobody in {group} serves {area}: add a member to the unit that serves it, then retry");

        var load = await engine.CountAssignedTasksAsync(people, cancellationToken);
        var chosen = people.OrderBy(p => load.GetValueOrDefault(p)).ThenBy(p => p, StringComparer.Ordinal).First();
        return new Dictionary<string, JsonNode?> { ["mediator"] = chosen };
    }

    private static string? Text(ServiceTaskContext context, string name)
        => context.Variables[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
