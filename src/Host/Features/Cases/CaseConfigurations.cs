using Mediation.Host.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Host.Features.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> c)
    {
        c.ToTable("Cases");
        c.HasKey(x => x.Id);
        c.Property(x => x.CaseNumber).HasMaxLength(CaseLimits.CaseNumberLength);
        c.HasIndex(x => x.CaseNumber).IsUnique();
        c.HasIndex(x => new { x.Year, x.Sequence }).IsUnique();
        c.Property(x => x.Channel).HasMaxLength(CaseLimits.CodeLength);
        c.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.Category).HasMaxLength(CaseLimits.CodeLength);
        c.Property(x => x.RiskLevel).HasMaxLength(16);
        c.Property(x => x.AreaCode).HasMaxLength(OrgLimits.CodeLength);
        c.Property(x => x.AreaPath).HasMaxLength(OrgLimits.PathLength);
        c.HasIndex(x => x.AreaPath);
        c.Property(x => x.Facts).HasMaxLength(CaseLimits.FactsLength);
        c.Property(x => x.IssuesInDispute).HasMaxLength(CaseLimits.IssuesLength);
        c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        c.HasIndex(x => new { x.Status, x.Category });
        c.HasIndex(x => x.ProcessInstanceId).IsUnique();
        c.Property(x => x.DefinitionKey).HasMaxLength(255);
        c.Property(x => x.StartError).HasMaxLength(CaseLimits.StartErrorLength);
        c.Property(x => x.CreatedBy).HasMaxLength(256);
        c.Property(x => x.Outcome).HasMaxLength(CaseLimits.CodeLength);
        c.Property(x => x.Version).IsConcurrencyToken();
        c.HasMany(x => x.Parties).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> p)
    {
        p.ToTable("CaseParties");
        p.HasKey(x => x.Id);
        p.HasIndex(x => new { x.CaseId, x.Position }).IsUnique();
        p.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        p.Property(x => x.Name).HasMaxLength(CaseLimits.NameLength);
        p.Property(x => x.Sex).HasConversion<string>().HasMaxLength(8);
        p.Property(x => x.Ethnicity).HasMaxLength(CaseLimits.EthnicityLength);
        p.Property(x => x.IdNumber).HasMaxLength(18);
        p.HasIndex(x => x.IdNumber);
        p.Property(x => x.Phone).HasMaxLength(CaseLimits.PhoneLength);
        p.Property(x => x.Address).HasMaxLength(CaseLimits.AddressLength);
        p.Property(x => x.Consent).HasConversion<string>().HasMaxLength(8);
    }
}

internal sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> counter)
    {
        counter.ToTable("CaseNumberCounters");
        counter.HasKey(x => x.Year);
        counter.Property(x => x.Year).ValueGeneratedNever();
    }
}
