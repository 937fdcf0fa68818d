using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Mediation.Host.Features.Auth;

/// <summary><c>POST /api/auth/login</c>: user name and password for a bearer token (<c>{accessToken, expiresIn}</c>).</summary>
public static class Login
{
    public sealed record Body(string? UserName, string? Password);

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Handle(Body body, SignInManager<IdentityUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "userName and password are required");
        }
        // With the bearer scheme, a successful sign-in writes the token response itself.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.UserName, body.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty;
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
            title: result.IsLockedOut ? "The account is locked for a while after too many failed attempts" : "Wrong user name or password");
    }
}
