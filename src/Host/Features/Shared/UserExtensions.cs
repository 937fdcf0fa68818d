using System.Security.Claims;
using Mediation.Host.Features.Auth;

namespace Mediation.Host.Features.Shared;

public static class UserExtensions
{
    public static string UserName(this ClaimsPrincipal user)
        => user.Identity?.Name ?? throw new InvalidOperationException("The request has no authenticated user.");

    public static IReadOnlyCollection<string> Groups(this ClaimsPrincipal user)
        => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.IsInRole(Roles.Administrators);
}
