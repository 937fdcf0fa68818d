using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Mediation.Host.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>
/// The Host's own tables (users and roles, the data-protection key ring, notifications; cases, orgs and points later). One derived
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
    }
}

public sealed class SqliteHostDbContext(DbContextOptions<SqliteHostDbContext> options) : HostDbContext(options);

public sealed class PostgreSqlHostDbContext(DbContextOptions<PostgreSqlHostDbContext> options) : HostDbContext(options);

public sealed class SqlServerHostDbContext(DbContextOptions<SqlServerHostDbContext> options) : HostDbContext(options);
