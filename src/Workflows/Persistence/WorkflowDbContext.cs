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
}
