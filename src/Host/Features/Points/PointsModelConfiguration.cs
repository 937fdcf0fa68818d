using Mediation.Host.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>The points tables, called from the Host's context.</summary>
public static class PointsModelConfiguration
{
    public const int NameLength = 100;
    public const int ReasonLength = 500;
    public const int KeyLength = 200;

    public static ModelBuilder ConfigurePoints(this ModelBuilder builder)
    {
        builder.Entity<PointsAccount>(account =>
        {
            account.ToTable("PointsAccounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.UserName).HasMaxLength(256);
            account.HasIndex(a => a.UserName).IsUnique();
            account.HasIndex(a => a.OrgUnitId).IsUnique();
            account.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            account.Property(a => a.Revision).IsConcurrencyToken();
        });
        builder.Entity<PointsEntry>(entry =>
        {
            entry.ToTable("PointsEntries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Key).HasMaxLength(KeyLength);
            entry.HasIndex(e => e.Key).IsUnique();
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.BusinessKey).HasMaxLength(255);
            entry.Property(e => e.ElementId).HasMaxLength(255);
            entry.Property(e => e.Reason).HasMaxLength(ReasonLength);
            entry.Property(e => e.RequestedBy).HasMaxLength(256);
            entry.Property(e => e.Approver).HasMaxLength(256);
            entry.Property(e => e.DecisionNote).HasMaxLength(ReasonLength);
            // Balances and caps are sums over these two.
            entry.HasIndex(e => new { e.AccountId, e.Status });
            entry.HasIndex(e => new { e.AccountId, e.BusinessKey });
            entry.HasIndex(e => e.JournalEntryId);
            entry.HasIndex(e => new { e.Status, e.Id });
            entry.HasOne<PointsAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
            entry.HasOne<PointsRule>().WithMany().HasForeignKey(e => e.RuleId).OnDelete(DeleteBehavior.Restrict);
            entry.HasOne<PointsEntry>().WithMany().HasForeignKey(e => e.ReversalOfId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PointsRule>(rule =>
        {
            rule.ToTable("PointsRules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Name).HasMaxLength(NameLength);
            rule.Property(r => r.EventKind).HasMaxLength(64);
            rule.Property(r => r.ProcessKey).HasMaxLength(255);
            rule.Property(r => r.ElementId).HasMaxLength(255);
            rule.Property(r => r.Recipient).HasConversion<string>().HasMaxLength(32);
            rule.Property(r => r.Variable).HasMaxLength(NameLength);
            rule.Property(r => r.RecipientRole).HasMaxLength(64);
            rule.Property(r => r.UpdatedBy).HasMaxLength(256);
        });
        builder.Entity<Redemption>(redemption =>
        {
            redemption.ToTable("PointsRedemptions");
            redemption.HasKey(r => r.Id);
            redemption.Property(r => r.Item).HasMaxLength(NameLength);
            redemption.Property(r => r.RecordedBy).HasMaxLength(256);
            redemption.HasIndex(r => r.AccountId);
            redemption.HasOne<PointsAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PointsProcessingState>(state =>
        {
            state.ToTable("PointsProcessingState");
            state.HasKey(s => s.Id);
            state.Property(s => s.Id).ValueGeneratedNever();
            state.Property(s => s.Revision).IsConcurrencyToken();
        });
        return builder;
    }

    /// <summary>SQLite cannot compare DateTimeOffset text; UTC ticks compare as integers, so the board's "since" filter runs in SQL.</summary>
    public static ModelBuilder ConfigurePointsForSqlite(this ModelBuilder builder)
    {
        builder.Entity<PointsEntry>().Property(e => e.CreatedAt)
            .HasConversion(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        return builder;
    }
}
