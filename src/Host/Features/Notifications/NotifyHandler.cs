using System.Text.Json.Nodes;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Notifications;

/// <summary>
/// The <c>notify</c> service task: writes a notification for <c>notifyGroup</c> and/or <c>notifyUser</c> with
/// <c>subject</c> and <c>message</c>, read from the task's variables (set them with <c>camunda:inputParameter</c>). A step
/// run again after a failed command finds its notification already written (same instance, token and element).
/// </summary>
public sealed class NotifyHandler(HostDbContext db) : IServiceTaskHandler
{
    public const string Name = "notify";

    public async Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        var group = Text(context, "notifyGroup");
        var user = Text(context, "notifyUser");
        if (group is null && user is null)
            throw new InvalidOperationException($"'{context.ElementId}' names no recipient: set notifyGroup or notifyUser");
        var key = $"{context.InstanceId:N}/{context.TokenId:N}/{context.ElementId}";
        if (!await db.Set<Notification>().AnyAsync(n => n.Key == key, cancellationToken))
        {
            db.Add(new Notification
            {
                Id = Guid.NewGuid(), Key = key, Recipient = user, RecipientGroup = group, InstanceId = context.InstanceId,
                BusinessKey = context.BusinessKey, ElementId = context.ElementId, CreatedAt = context.Now,
                Subject = Text(context, "subject") ?? $"{context.BusinessKey ?? context.InstanceId.ToString()}: {context.ElementId}",
                Body = Text(context, "message"),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return null;
    }

    private static string? Text(ServiceTaskContext context, string name)
        => context.Variables[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
