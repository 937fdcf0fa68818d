using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>The tables of the case's records, called from the Host's context. Every record belongs to one case and goes with it.</summary>
public static class RecordConfigurations
{
    private const int UserLength = 256;

    public static ModelBuilder ConfigureCaseRecords(this ModelBuilder builder)
    {
        builder.Entity<MediationSession>(s =>
        {
            s.ToTable("CaseSessions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).ValueGeneratedNever();
            s.HasIndex(x => x.CaseId);
            s.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            s.Property(x => x.Place).HasMaxLength(RecordLimits.PlaceLength);
            s.Property(x => x.Form).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.LeadMediator).HasMaxLength(RecordLimits.NameLength);
            s.Property(x => x.Minutes).HasMaxLength(RecordLimits.MinutesLength);
            s.Property(x => x.Result).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.RecordedBy).HasMaxLength(UserLength);
            s.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SessionParticipant>(p =>
        {
            p.ToTable("CaseSessionParticipants");
            p.HasKey(x => x.Id);
            p.HasIndex(x => new { x.SessionId, x.Position }).IsUnique();
            p.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.Name).HasMaxLength(RecordLimits.NameLength);
            p.Property(x => x.Capacity).HasMaxLength(32);
        });
        builder.Entity<CaseNote>(n =>
        {
            n.ToTable("CaseNotes");
            n.HasKey(x => x.Id);
            n.Property(x => x.Id).ValueGeneratedNever();
            n.HasIndex(x => x.CaseId);
            n.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            n.Property(x => x.Text).HasMaxLength(RecordLimits.NoteLength);
            n.Property(x => x.WrittenBy).HasMaxLength(UserLength);
        });
        builder.Entity<CaseAttachment>(a =>
        {
            a.ToTable("CaseAttachments");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.HasIndex(x => new { x.CaseId, x.Kind });
            a.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            a.Property(x => x.Kind).HasMaxLength(32);
            a.Property(x => x.FileName).HasMaxLength(RecordLimits.FileNameLength);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.Sha256).HasMaxLength(64);
            a.Property(x => x.StoredName).HasMaxLength(64);
            a.HasIndex(x => x.StoredName).IsUnique();
            a.Property(x => x.Description).HasMaxLength(RecordLimits.DescriptionLength);
            a.Property(x => x.UploadedBy).HasMaxLength(UserLength);
        });
        builder.Entity<FollowUpVisit>(f =>
        {
            f.ToTable("CaseFollowUps");
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).ValueGeneratedNever();
            f.HasIndex(x => x.CaseId);
            f.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            f.Property(x => x.StepKey).HasMaxLength(200);
            f.HasIndex(x => x.StepKey).IsUnique();
            f.Property(x => x.PlannedBy).HasMaxLength(UserLength);
            f.Property(x => x.VisitedBy).HasMaxLength(RecordLimits.NameLength);
            f.Property(x => x.Performed).HasConversion<string>().HasMaxLength(8);
            f.Property(x => x.Notes).HasMaxLength(RecordLimits.TextLength);
            f.Property(x => x.RecordedBy).HasMaxLength(UserLength);
            f.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<RecordOperation>(o =>
        {
            o.ToTable("CaseRecordOperations");
            o.HasKey(x => x.OperationId);
            o.Property(x => x.OperationId).HasMaxLength(RecordLimits.OperationIdLength);
            o.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            o.Property(x => x.Kind).HasMaxLength(32);
            o.Property(x => x.RecordId).HasMaxLength(64);
        });
        return builder.ConfigureAgreements();
    }

    private static ModelBuilder ConfigureAgreements(this ModelBuilder builder)
    {
        builder.Entity<Agreement>(a =>
        {
            a.ToTable("CaseAgreements");
            a.HasKey(x => x.Id);
            a.HasIndex(x => x.CaseId).IsUnique();
            a.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            a.Property(x => x.Form).HasConversion<string>().HasMaxLength(8);
            a.Property(x => x.Facts).HasMaxLength(CaseLimits.FactsLength);
            a.Property(x => x.Issues).HasMaxLength(CaseLimits.IssuesLength);
            a.Property(x => x.Responsibilities).HasMaxLength(RecordLimits.TextLength);
            a.Property(x => x.AgreedContent).HasMaxLength(RecordLimits.TextLength);
            a.Property(x => x.PerformanceMethod).HasMaxLength(RecordLimits.DescriptionLength);
            a.Property(x => x.PerformancePlace).HasMaxLength(RecordLimits.PlaceLength);
            a.Property(x => x.Amount).HasPrecision(18, 2);
            a.Property(x => x.Mediator).HasMaxLength(RecordLimits.NameLength);
            a.Property(x => x.ProcessUpdate).HasMaxLength(500);
            a.Property(x => x.DraftedBy).HasMaxLength(UserLength);
            a.Property(x => x.UpdatedBy).HasMaxLength(UserLength);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasMany(x => x.Signatures).WithOne().HasForeignKey(s => s.AgreementId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AgreementSignature>(s =>
        {
            s.ToTable("CaseAgreementSignatures");
            s.HasKey(x => x.Id);
            s.Property(x => x.SignerKey).HasMaxLength(32);
            s.HasIndex(x => new { x.AgreementId, x.SignerKey }).IsUnique();
            s.Property(x => x.Signer).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Mark).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Name).HasMaxLength(RecordLimits.NameLength);
            s.Property(x => x.RecordedBy).HasMaxLength(UserLength);
        });
        builder.Entity<JudicialConfirmation>(c =>
        {
            c.ToTable("CaseConfirmations");
            c.HasKey(x => x.Id);
            c.HasIndex(x => x.CaseId).IsUnique();
            c.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
            c.Property(x => x.Court).HasMaxLength(RecordLimits.PlaceLength);
            c.Property(x => x.AppliedBy).HasMaxLength(UserLength);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            c.HasIndex(x => x.Status);
            c.Property(x => x.RulingNumber).HasMaxLength(RecordLimits.RulingNumberLength);
            c.Property(x => x.RejectionReason).HasMaxLength(RecordLimits.TextLength);
            c.Property(x => x.DecidedBy).HasMaxLength(UserLength);
            c.Property(x => x.MessageOutcome).HasMaxLength(500);
            c.Property(x => x.Version).IsConcurrencyToken();
        });
        return builder;
    }
}
