using System.Security.Cryptography;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Organisation;

public sealed class SamplesOptions
{
    public const string Section = "Mediation:Samples";

    /// <summary>Seed <see cref="SampleOrganisation"/> on a start that finds the tree empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Also register the sample disputes (<c>SampleCases</c>) into a database with no case yet.</summary>
    public bool Cases { get; set; } = true;

    /// <summary>The sample users' password; when empty one is generated and printed once.</summary>
    public string? Password { get; set; }
}

/// <summary>Seeds the sample tree and its users into an empty tree, so a first start has people to route cases to.</summary>
public static class SampleSeeder
{
    public static async Task SeedSampleOrganisationAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<SamplesOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        if (!options.Enabled || await db.Set<OrgUnit>().AnyAsync(ct)) return;

        var tree = scope.ServiceProvider.GetRequiredService<OrgTree>();
        foreach (var unit in SampleOrganisation.Units)
        {
            var (added, errors) = await tree.AddAsync(new NewOrgUnit(unit.Code, unit.Name, unit.Kind.ToString(), unit.Parent), ct);
            if (added is null) throw new InvalidOperationException($"Sample unit {unit.Code}: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
        }

        var generated = string.IsNullOrEmpty(options.Password);
        var password = generated ? GeneratePassword() : options.Password!;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var members = scope.ServiceProvider.GetRequiredService<OrgMembers>();
        foreach (var member in SampleOrganisation.Members)
        {
            if (await users.FindByNameAsync(member.UserName) is null)
            {
                var result = await users.CreateAsync(new IdentityUser(member.UserName), password);
                if (!result.Succeeded) throw new InvalidOperationException($"Could not create the sample user '{member.UserName}': {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
            var (outcome, errors) = await members.AddAsync(member.UnitCode, member.UserName, member.Role, ct);
            if (outcome is MembershipOutcome.Invalid or MembershipOutcome.UnknownUnit)
                throw new InvalidOperationException($"Sample member {member.UserName} of {member.UnitCode}: {outcome} {string.Join("; ", errors.Keys)}");
        }

        var names = string.Join(", ", SampleOrganisation.Members.Select(m => m.UserName).Distinct());
        // Printed once, on the console only, like the administrator's: it is not written to any log file or to the database.
        Console.WriteLine(generated
            ? $"示例 Sample organisation tree seeded with users {names}; their password is '{password}' (shown only now; set Mediation__Samples__Password to choose it, Mediation__Samples__Enabled=false to skip the samples)."
            : $"示例 Sample organisation tree seeded with users {names}, password from Mediation:Samples:Password.");
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])) + "-7a";
    }
}
