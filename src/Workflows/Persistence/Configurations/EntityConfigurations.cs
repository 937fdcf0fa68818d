using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Workflows.Persistence.Configurations;

internal sealed class ProcessDefinitionConfiguration : IEntityTypeConfiguration<ProcessDefinitionEntity>
{
    public void Configure(EntityTypeBuilder<ProcessDefinitionEntity> definition)
    {
        definition.ToTable("ProcessDefinitions");
        definition.HasKey(d => d.Id);
        definition.Property(d => d.Key).HasMaxLength(255);
        definition.Property(d => d.Name).HasMaxLength(500);
        definition.Property(d => d.ResourceName).HasMaxLength(500);
        definition.Property(d => d.Hash).HasMaxLength(64);
        definition.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        definition.HasIndex(d => d.Hash);
    }
}

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstanceEntity>
{
    public void Configure(EntityTypeBuilder<ProcessInstanceEntity> instance)
    {
        instance.ToTable("ProcessInstances");
        instance.HasKey(i => i.Id);
        instance.Property(i => i.DefinitionKey).HasMaxLength(255);
        instance.Property(i => i.BusinessKey).HasMaxLength(255);
        instance.Property(i => i.StartedBy).HasMaxLength(256);
        instance.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        instance.Property(i => i.Revision).IsConcurrencyToken();
        instance.HasIndex(i => i.BusinessKey);
        // Only called instances have a parent: the others stay out of the index and cost no write (IndexFilters).
        instance.HasIndex(i => i.ParentInstanceId).HasFilter(IndexFilters.NotNull(nameof(ProcessInstanceEntity.ParentInstanceId)));
        // No index on DefinitionId: definitions are never deleted, and every start would write one (WorkflowDbContext).
        instance.HasOne<ProcessDefinitionEntity>().WithMany().HasForeignKey(i => i.DefinitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserTaskConfiguration : IEntityTypeConfiguration<UserTaskEntity>
{
    public void Configure(EntityTypeBuilder<UserTaskEntity> task)
    {
        task.ToTable("UserTasks");
        task.HasKey(t => t.Id);
        task.Property(t => t.ElementId).HasMaxLength(255);
        task.Property(t => t.Name).HasMaxLength(500);
        task.Property(t => t.Assignee).HasMaxLength(256);
        task.Property(t => t.CandidateGroups).HasMaxLength(1000);
        task.Property(t => t.CandidateUsers).HasMaxLength(1000);
        task.Property(t => t.Scope).HasMaxLength(Execution.TaskScopeLimits.Length);
        task.Property(t => t.FormKey).HasMaxLength(500);
        task.Property(t => t.CompletedBy).HasMaxLength(256);
        task.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        task.Property(t => t.Revision).IsConcurrencyToken();
        // The inbox reads open tasks only: its indexes hold open tasks only, so completing a task removes its entries
        // instead of moving them, and a task without assignee or due date adds none to those two.
        task.HasIndex(t => new { t.CreatedAt, t.Sequence }).HasDatabaseName("IX_UserTasks_Open_CreatedAt_Sequence")
            .HasFilter(IndexFilters.OpenTask);   // the inbox: open tasks, oldest first
        task.HasIndex(t => t.Assignee).HasDatabaseName("IX_UserTasks_Open_Assignee")
            .HasFilter($"{IndexFilters.OpenTask} AND {IndexFilters.NotNull(nameof(UserTaskEntity.Assignee))}");
        task.HasIndex(t => t.DueAt).HasDatabaseName("IX_UserTasks_Open_DueAt")
            .HasFilter($"{IndexFilters.OpenTask} AND {IndexFilters.NotNull(nameof(UserTaskEntity.DueAt))}");
        task.HasIndex(t => t.InstanceId);
        task.HasIndex(t => t.ProvisionalYear).HasFilter(IndexFilters.NotNull(nameof(UserTaskEntity.ProvisionalYear)));
        task.HasOne<ProcessInstanceEntity>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntryEntity>
{
    public void Configure(EntityTypeBuilder<JournalEntryEntity> entry)
    {
        entry.ToTable("JournalEntries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Kind).HasMaxLength(64);
        entry.Property(e => e.ElementId).HasMaxLength(255);
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.HasIndex(e => new { e.InstanceId, e.Id });
    }
}

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerEntity>
{
    public void Configure(EntityTypeBuilder<TimerEntity> timer)
    {
        timer.ToTable("Timers");
        timer.HasKey(t => t.Id);
        timer.Property(t => t.ElementId).HasMaxLength(255);
        timer.Property(t => t.Kind).HasMaxLength(32);
        timer.Property(t => t.RepeatInterval).HasMaxLength(64);
        // Fired, cancelled or recomputed only from the status the command read: two Host processes never both act on one timer.
        timer.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        timer.HasIndex(t => t.DueAt).HasDatabaseName("IX_Timers_Pending_DueAt").HasFilter(IndexFilters.PendingTimer);
        timer.HasIndex(t => t.InstanceId);
        timer.HasIndex(t => t.ProvisionalYear).HasFilter(IndexFilters.NotNull(nameof(TimerEntity.ProvisionalYear)));
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYearEntity>
{
    public void Configure(EntityTypeBuilder<CalendarYearEntity> year)
    {
        year.ToTable("CalendarYears");
        year.HasKey(y => y.Year);
        year.Property(y => y.Year).ValueGeneratedNever();
        year.Property(y => y.Source).HasMaxLength(16);
        year.Property(y => y.UpdatedBy).HasMaxLength(256);
        year.Property(y => y.Revision).IsConcurrencyToken();
    }
}

internal sealed class MessageSubscriptionConfiguration : IEntityTypeConfiguration<MessageSubscriptionEntity>
{
    public void Configure(EntityTypeBuilder<MessageSubscriptionEntity> subscription)
    {
        subscription.ToTable("MessageSubscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.ElementId).HasMaxLength(255);
        subscription.Property(s => s.MessageName).HasMaxLength(255);
        subscription.Property(s => s.BusinessKey).HasMaxLength(255);
        subscription.Property(s => s.Kind).HasMaxLength(32);
        subscription.HasIndex(s => new { s.MessageName, s.BusinessKey });
        subscription.HasIndex(s => s.InstanceId);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentEntity>
{
    public void Configure(EntityTypeBuilder<IncidentEntity> incident)
    {
        incident.ToTable("Incidents");
        incident.HasKey(i => i.Id);
        incident.Property(i => i.ElementId).HasMaxLength(255);
        incident.Property(i => i.Kind).HasMaxLength(64);
        incident.Property(i => i.Message).HasMaxLength(4000);
        incident.Property(i => i.ResolvedBy).HasMaxLength(256);
        incident.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        incident.HasIndex(i => new { i.Status, i.InstanceId });
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<OperationEntity>
{
    public void Configure(EntityTypeBuilder<OperationEntity> operation)
    {
        operation.ToTable("Operations");
        operation.HasKey(o => o.OperationId);
        operation.Property(o => o.OperationId).HasMaxLength(128);
        operation.Property(o => o.Kind).HasMaxLength(64);
        operation.Property(o => o.Outcome).HasMaxLength(64);
    }
}

/// <summary>
/// Filters of partial indexes, in the SQL that SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER on, as EF's
/// connections have it) all read. Queries name the same condition with a constant (EF writes an enum constant as a
/// literal), so the databases use these indexes for them.
/// </summary>
internal static class IndexFilters
{
    public const string OpenTask = "\"Status\" = 'Open'";
    public const string PendingTimer = "\"Status\" = 'Pending'";

    public static string NotNull(string column) => $"\"{column}\" IS NOT NULL";
}
