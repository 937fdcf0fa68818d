using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>
/// The Host's own tables (users and roles, the data-protection key ring; cases, orgs and points later). One derived
/// context per provider.
/// </summary>
public class HostDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public const string MigrationsHistoryTable = "__HostMigrationsHistory";

    /// <summary>The keys that protect sign-in cookies and bearer tokens, shared by every Host process on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

public sealed class SqliteHostDbContext(DbContextOptions<SqliteHostDbContext> options) : HostDbContext(options);

public sealed class PostgreSqlHostDbContext(DbContextOptions<PostgreSqlHostDbContext> options) : HostDbContext(options);

public sealed class SqlServerHostDbContext(DbContextOptions<SqlServerHostDbContext> options) : HostDbContext(options);
