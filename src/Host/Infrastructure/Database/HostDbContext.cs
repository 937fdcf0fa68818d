using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>The Host's own tables (users and roles now; cases, orgs and points later). One derived context per provider.</summary>
public class HostDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options)
{
    public const string MigrationsHistoryTable = "__HostMigrationsHistory";
}

public sealed class SqliteHostDbContext(DbContextOptions<SqliteHostDbContext> options) : HostDbContext(options);

public sealed class PostgreSqlHostDbContext(DbContextOptions<PostgreSqlHostDbContext> options) : HostDbContext(options);

public sealed class SqlServerHostDbContext(DbContextOptions<SqlServerHostDbContext> options) : HostDbContext(options);
