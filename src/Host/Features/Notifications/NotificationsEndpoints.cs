using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Notifications;

public static class NotificationsEndpoints
{
    public sealed record NotificationDto(Guid Id, string? Recipient, string? RecipientGroup, Guid InstanceId, string? BusinessKey,
        string ElementId, string Subject, string? Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string? ReadBy);

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListNotifications).WithName("ListNotifications");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead");
        return app;
    }

    /// <summary><c>GET /api/notifications?unread=true</c>: the caller's and their groups' notifications, newest first.</summary>
    public static async Task<Ok<List<NotificationDto>>> ListNotifications(bool? unread, ClaimsPrincipal user, HostDbContext db, CancellationToken ct)
    {
        var mine = await For(user, db).Where(n => unread != true || n.ReadAt == null)
            .OrderByDescending(n => n.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(mine.Select(n => new NotificationDto(n.Id, n.Recipient, n.RecipientGroup, n.InstanceId, n.BusinessKey,
            n.ElementId, n.Subject, n.Body, n.CreatedAt, n.ReadAt, n.ReadBy)).ToList());
    }

    /// <summary><c>POST /api/notifications/{id}/read</c>: marks it read for everyone it went to; someone else's answers 404.</summary>
    public static async Task<Results<NoContent, NotFound>> MarkRead(Guid id, ClaimsPrincipal user, HostDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var notification = await For(user, db).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return TypedResults.NotFound();
        if (notification.ReadAt is null)
        {
            notification.ReadAt = clock.GetUtcNow();
            notification.ReadBy = user.UserName();
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }

    private static IQueryable<Notification> For(ClaimsPrincipal user, HostDbContext db)
    {
        var name = user.UserName();
        var groups = user.Groups().ToList();
        return db.Set<Notification>().Where(n => n.Recipient == name || (n.RecipientGroup != null && groups.Contains(n.RecipientGroup)));
    }
}
