using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Organisation;

public enum MembershipOutcome { Added, AlreadyMember, UnknownUnit, Invalid }

/// <summary>
/// Gives a user a role in a unit. The user also joins the Identity role of that name, so group tasks show in their
/// inbox: the candidate group says what a person may do, the membership says where.
/// </summary>
public sealed class OrgMembers(HostDbContext db, UserManager<IdentityUser> users, RoleManager<IdentityRole> roles)
{
    public async Task<(MembershipOutcome Outcome, Dictionary<string, string[]> Errors)> AddAsync(string unitCode, string? userName, string? role, CancellationToken ct)
    {
        var unit = await db.Set<OrgUnit>().FirstOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unit is null) return (MembershipOutcome.UnknownUnit, []);

        var errors = new Dictionary<string, string[]>();
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName);
        if (user is null) errors["userName"] = [string.IsNullOrWhiteSpace(userName) ? "a user name is required" : $"no user is called '{userName}'"];
        if (role is null || !CandidateGroup.All.ContainsKey(role))
            errors["role"] = [$"'{role}' is not a role; one of {string.Join(", ", CandidateGroup.All.Keys)}"];
        if (errors.Count > 0) return (MembershipOutcome.Invalid, errors);

        var name = user!.UserName!;
        if (await db.Set<Membership>().AnyAsync(m => m.OrgUnitId == unit.Id && m.Role == role && m.UserName == name, ct))
            return (MembershipOutcome.AlreadyMember, errors);
        if (!await roles.RoleExistsAsync(role!)) Check(await roles.CreateAsync(new IdentityRole(role!)));
        if (!await users.IsInRoleAsync(user, role!)) Check(await users.AddToRoleAsync(user, role!));
        db.Add(new Membership { UserName = name, OrgUnitId = unit.Id, Role = role! });
        await db.SaveChangesAsync(ct);
        return (MembershipOutcome.Added, errors);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
