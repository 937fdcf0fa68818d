using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Auth;

/// <summary>Creates the administrator on first start; the generated password is printed once and never stored in clear.</summary>
public static class AdminSeeder
{
    public static async Task SeedAdministratorAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Mediation.Admin");

        if (!await roles.RoleExistsAsync(Roles.Administrators))
        {
            Check(await roles.CreateAsync(new IdentityRole(Roles.Administrators)), "create the administrators role");
        }
        if (await users.FindByNameAsync(options.UserName) is not null) return;

        var generated = string.IsNullOrEmpty(options.Password);
        var password = generated ? GeneratePassword() : options.Password!;
        var admin = new IdentityUser(options.UserName);
        Check(await users.CreateAsync(admin, password), $"create the administrator '{options.UserName}'");
        Check(await users.AddToRoleAsync(admin, Roles.Administrators), "make the administrator an administrator");
        if (generated)
        {
            // Printed once, on the console only: it is not written to any log file or to the database.
            Console.WriteLine($"Administrator created: user name '{options.UserName}', password '{password}' (shown only now; set Mediation__Admin__Password to choose it).");
        }
        else
        {
            logger.LogInformation("Administrator {UserName} created with the configured password", options.UserName);
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])) + "-7a";
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
