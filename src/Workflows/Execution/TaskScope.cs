using System.Text.Json.Nodes;

namespace Mediation.Workflows.Execution;

/// <summary>
/// Gives a new user task its scope: where the task belongs, as a path whose prefixes name wider places (the Host uses
/// the case's area path, <c>/XT/XT-ZCZ/XT-ZCZ-XHC/</c>). A task with a scope is offered to a candidate group only
/// where the user holds that group (<see cref="TaskQuery.ScopedGroups"/>); a task without one is offered to every
/// member of the group, as Camunda does. Without a registered resolver no task has a scope.
/// </summary>
public interface ITaskScopeResolver
{
    /// <summary>The scope for a task created with these variables (the instance's, seen from the task), or null for none.</summary>
    ValueTask<string?> ResolveAsync(JsonObject variables, CancellationToken cancellationToken);
}

/// <summary>The default: tasks carry no scope.</summary>
internal sealed class NoTaskScope : ITaskScopeResolver
{
    public ValueTask<string?> ResolveAsync(JsonObject variables, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}

/// <summary>A candidate group the user holds for the tasks whose scope starts with <paramref name="ScopePrefix"/>.</summary>
public sealed record ScopedGroup(string Group, string ScopePrefix);

/// <summary>The limits of a scope, shared by the column and the resolvers.</summary>
public static class TaskScopeLimits
{
    public const int Length = 400;
}
