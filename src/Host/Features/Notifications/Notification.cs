namespace Mediation.Host.Features.Notifications;

/// <summary>
/// A message to a person or to everyone in a group (a role, the same names as candidate groups: <c>supervisors</c>,
/// <c>townMediators</c>...), written by the <c>notify</c> service task: "the village deadline passed on XT-2026-000123".
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    /// <summary>Instance, token and element of the service task that wrote it: a re-run of that step writes nothing new.</summary>
    public required string Key { get; set; }
    public string? Recipient { get; set; }
    public string? RecipientGroup { get; set; }
    public Guid InstanceId { get; set; }
    public string? BusinessKey { get; set; }
    public required string ElementId { get; set; }
    public required string Subject { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public string? ReadBy { get; set; }
}
