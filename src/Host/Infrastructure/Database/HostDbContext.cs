using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Mediation.Host.Features.Cases;
using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Features.Notifications;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Points;
using Mediation.Host.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>
/// The Host's own tables (users and roles, the data-protection key ring, notifications, the organisation tree, cases, the points ledger). One derived
/// context per provider.
/// </summary>
public class HostDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public const string MigrationsHistoryTable = "__HostMigrationsHistory";

    /// <summary>The keys that protect sign-in cookies and bearer tokens, shared by every Host process on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Notification>(notification =>
        {
            notification.ToTable("Notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Key).HasMaxLength(400);
            notification.HasIndex(n => n.Key).IsUnique();
            notification.Property(n => n.Recipient).HasMaxLength(256);
            notification.Property(n => n.RecipientGroup).HasMaxLength(256);
            notification.Property(n => n.BusinessKey).HasMaxLength(255);
            notification.Property(n => n.ElementId).HasMaxLength(255);
            notification.Property(n => n.Subject).HasMaxLength(500);
            notification.Property(n => n.Body).HasMaxLength(4000);
            notification.Property(n => n.ReadBy).HasMaxLength(256);
            notification.HasIndex(n => new { n.Recipient, n.CreatedAt });
            notification.HasIndex(n => new { n.RecipientGroup, n.CreatedAt });
        });
        builder.Entity<OrgUnit>(unit =>
        {
            unit.ToTable("OrgUnits");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Code).HasMaxLength(OrgLimits.CodeLength);
            unit.HasIndex(u => u.Code).IsUnique();
            unit.Property(u => u.Name).HasMaxLength(OrgLimits.NameLength);
            unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(32);
            unit.Property(u => u.Path).HasMaxLength(OrgLimits.PathLength);
            unit.HasIndex(u => u.Path);
            unit.HasIndex(u => u.ParentId);
            unit.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Membership>(membership =>
        {
            membership.ToTable("OrgMemberships");
            membership.HasKey(m => m.Id);
            membership.Property(m => m.UserName).HasMaxLength(256);
            membership.Property(m => m.Role).HasMaxLength(64);
            membership.HasIndex(m => new { m.OrgUnitId, m.Role, m.UserName }).IsUnique();
            membership.HasIndex(m => m.UserName);
            membership.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.ConfigurePoints();
        builder.ApplyConfiguration(new CaseConfiguration());
        builder.ApplyConfiguration(new PartyConfiguration());
        builder.ApplyConfiguration(new CaseNumberCounterConfiguration());
        builder.ConfigureCaseRecords();
    }
}

public sealed class SqliteHostDbContext(DbContextOptions<SqliteHostDbContext> options) : HostDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite's LIKE ignores case, so it uses an index for "Path LIKE '/XT/%'" only on a NOCASE column (paths are upper case).
        builder.Entity<OrgUnit>().Property(u => u.Path).UseCollation("NOCASE");
        builder.Entity<Case>().Property(c => c.AreaPath).UseCollation("NOCASE");
        // SQLite cannot order DateTimeOffset text; UTC ticks order as integers, so the newest notifications come first in SQL.
        builder.Entity<Notification>().Property(n => n.CreatedAt)
            .HasConversion(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        builder.ConfigurePointsForSqlite();
        builder.AddReportFunctionsForSqlite();
    }
}

public sealed class PostgreSqlHostDbContext(DbContextOptions<PostgreSqlHostDbContext> options) : HostDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A b-tree serves a LIKE prefix only under the "C" collation; the database's default (e.g. en_US) would scan.
        builder.Entity<OrgUnit>().Property(u => u.Path).UseCollation("C");
        builder.Entity<Case>().Property(c => c.AreaPath).UseCollation("C");
        builder.AddReportFunctionsForPostgreSql();
    }
}

public sealed class SqlServerHostDbContext(DbContextOptions<SqlServerHostDbContext> options) : HostDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddReportFunctionsForSqlServer();
    }
}
