using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Access;

/// <summary>
/// A task's scope is the path of its instance's <c>areaCode</c>, so a candidate group's task reaches only those holding
/// the group in a unit serving that area. No <c>areaCode</c>: no scope, the task goes to the whole group as before. An
/// <c>areaCode</c> the tree does not know gets a scope no one serves: only its assignee, its candidate users and the
/// administrators see the task, rather than every member of the group in the county.
/// </summary>
public sealed class AreaTaskScope(IServiceScopeFactory scopes) : ITaskScopeResolver
{
    public const string Variable = "areaCode";
    public const string UnknownArea = "!unknown-area";

    // A unit's code and parent never change, so neither does its path: found once, kept for the process's life.
    private readonly ConcurrentDictionary<string, string> paths = new(StringComparer.Ordinal);

    public async ValueTask<string?> ResolveAsync(JsonObject variables, CancellationToken cancellationToken)
    {
        if (!variables.TryGetPropertyValue(Variable, out var value) || value is null) return null;
        if (value is not JsonValue text || !text.TryGetValue<string>(out var code) || string.IsNullOrWhiteSpace(code)) return UnknownArea;
        if (paths.TryGetValue(code, out var known)) return known;
        if (code.Length > OrgLimits.CodeLength) return UnknownArea;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var path = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Code == code).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        if (path is null) return UnknownArea;
        paths[code] = path;
        return path;
    }
}
