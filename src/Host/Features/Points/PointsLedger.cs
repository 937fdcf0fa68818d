using System.Security.Claims;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>Who an entry is for: a user (a person account) or a household unit (a household account).</summary>
public sealed record Recipient(PointsAccountKind Kind, string? UserName, OrgUnit? Unit)
{
    /// <summary>The texts a party list would hold for this recipient: the user name, or the household's code and name.</summary>
    public IReadOnlyList<string> Names => Kind == PointsAccountKind.Person ? [UserName!] : [Unit!.Code, Unit.Name];

    public string Label => UserName ?? Unit!.Code;
}

/// <summary>The ledger's reads and the accounts: balances and per-case sums are computed by the database.</summary>
public sealed class PointsLedger(HostDbContext db, UserManager<IdentityUser> users, TimeProvider clock)
{
    public static readonly OrgUnitKind[] HouseholdKinds = [OrgUnitKind.Household, OrgUnitKind.LeadHousehold];

    public IQueryable<PointsEntry> Entries => db.Set<PointsEntry>();

    public Task<int> BalanceAsync(int accountId, CancellationToken ct)
        => Entries.Where(e => e.AccountId == accountId && e.Status == PointsEntryStatus.Confirmed).SumAsync(e => e.Amount, ct);

    /// <summary>
    /// What an account has earned on one case (pending and confirmed, reversals netted; redemptions carry no case), from one
    /// rule when <paramref name="ruleId"/> is given.
    /// </summary>
    public Task<int> EarnedOnCaseAsync(int accountId, string? businessKey, Guid? instanceId, int? ruleId, CancellationToken ct)
    {
        var entries = Entries.Where(e => e.AccountId == accountId && e.Status != PointsEntryStatus.Rejected);
        entries = businessKey is not null ? entries.Where(e => e.BusinessKey == businessKey)
            : entries.Where(e => e.BusinessKey == null && e.InstanceId == instanceId);
        if (ruleId is not null) entries = entries.Where(e => e.RuleId == ruleId);
        return entries.SumAsync(e => e.Amount, ct);
    }

    public async Task<Recipient?> UserAsync(string? userName, string? requiredRole = null)
    {
        if (string.IsNullOrWhiteSpace(userName)) return null;
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null) return null;
        if (requiredRole is not null && !await users.IsInRoleAsync(user, requiredRole)) return null;
        return new Recipient(PointsAccountKind.Person, user.UserName, null);
    }

    public async Task<Recipient?> HouseholdAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var unit = await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code.Trim() && HouseholdKinds.Contains(u.Kind), ct);
        return unit is null ? null : new Recipient(PointsAccountKind.Household, null, unit);
    }

    public Task<PointsAccount?> FindAccountAsync(Recipient recipient, CancellationToken ct)
        => recipient.Kind == PointsAccountKind.Person
            ? db.Set<PointsAccount>().FirstOrDefaultAsync(a => a.UserName == recipient.UserName, ct)
            : db.Set<PointsAccount>().FirstOrDefaultAsync(a => a.OrgUnitId == recipient.Unit!.Id, ct);

    /// <summary>The recipient's account, opened on first use. Saves at once: call it with nothing else pending in the context.</summary>
    public async Task<PointsAccount> AccountForAsync(Recipient recipient, CancellationToken ct)
    {
        if (await FindAccountAsync(recipient, ct) is { } existing) return existing;
        var account = new PointsAccount
        {
            Kind = recipient.Kind, UserName = recipient.UserName, OrgUnitId = recipient.Unit?.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
            return account;
        }
        catch (DbUpdateException)
        {
            // Another request opened it at the same moment (the unique index said so): use theirs.
            db.Entry(account).State = EntityState.Detached;
            return await FindAccountAsync(recipient, ct) ?? throw new InvalidOperationException($"The account of {recipient.Label} could not be opened.");
        }
    }

    /// <summary>Who an account belongs to, for the guardrail and the self-approval check.</summary>
    public async Task<Recipient> RecipientOfAsync(int accountId, CancellationToken ct)
    {
        var account = await db.Set<PointsAccount>().AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        return account.UserName is not null ? new Recipient(PointsAccountKind.Person, account.UserName, null)
            : new Recipient(PointsAccountKind.Household, null, await db.Set<OrgUnit>().AsNoTracking().FirstAsync(u => u.Id == account.OrgUnitId, ct));
    }

    public async Task<AccountView> ViewAsync(PointsAccount account, CancellationToken ct)
    {
        var unit = account.OrgUnitId is { } unitId ? await db.Set<OrgUnit>().AsNoTracking().FirstAsync(u => u.Id == unitId, ct) : null;
        var sums = await Entries.Where(e => e.AccountId == account.Id && e.Status != PointsEntryStatus.Rejected)
            .GroupBy(e => e.Status).Select(g => new { Status = g.Key, Sum = g.Sum(e => e.Amount) }).ToListAsync(ct);
        int Sum(PointsEntryStatus status) => sums.FirstOrDefault(s => s.Status == status)?.Sum ?? 0;
        return new AccountView(account.Id, account.Kind.ToString(), account.UserName, unit?.Code, unit?.Name ?? account.UserName!,
            Sum(PointsEntryStatus.Confirmed), Sum(PointsEntryStatus.Pending));
    }

    /// <summary>
    /// The owner of a person account, a member of a household's unit, and supervisors and administrators may read an
    /// account: its history names cases. Anyone else is told it does not exist (404, as for a foreign task).
    /// </summary>
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, PointsAccount account, CancellationToken ct)
    {
        if (user.IsPointsManager()) return true;
        var name = user.Identity?.Name;
        if (account.UserName is not null) return string.Equals(account.UserName, name, StringComparison.OrdinalIgnoreCase);
        return await db.Set<Membership>().AnyAsync(m => m.OrgUnitId == account.OrgUnitId && m.UserName == name, ct);
    }
}
