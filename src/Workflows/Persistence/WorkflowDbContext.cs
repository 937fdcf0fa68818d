using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Persistence;

/// <summary>
/// The engine's tables. Each database provider derives its own context with its own migrations
/// (SqliteWorkflowDbContext, ...), as EF Core's "multiple context types" pattern describes.
/// </summary>
public class WorkflowDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__WorkflowMigrationsHistory";

    public DbSet<ProcessDefinitionEntity> ProcessDefinitions => Set<ProcessDefinitionEntity>();
    public DbSet<ProcessInstanceEntity> ProcessInstances => Set<ProcessInstanceEntity>();
    public DbSet<UserTaskEntity> UserTasks => Set<UserTaskEntity>();
    public DbSet<JournalEntryEntity> Journal => Set<JournalEntryEntity>();
    public DbSet<TimerEntity> Timers => Set<TimerEntity>();
    public DbSet<MessageSubscriptionEntity> MessageSubscriptions => Set<MessageSubscriptionEntity>();
    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();
    public DbSet<OperationEntity> Operations => Set<OperationEntity>();
    public DbSet<CalendarYearEntity> CalendarYears => Set<CalendarYearEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);

    /// <summary>
    /// Foreign keys get no index by convention: each index is one more page written by every command that inserts a
    /// row, so the configurations declare the ones queries use (a task's instance) and leave out the ones nothing reads
    /// by (an instance's definition: definitions are never deleted).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.Conventions.Remove<Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention>();
}
