using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Persistence.PostgreSql;

/// <summary>The engine's tables on PostgreSQL (Npgsql), with migrations of their own. Times are stored as timestamptz in UTC.</summary>
public sealed class PostgreSqlWorkflowDbContext(DbContextOptions<PostgreSqlWorkflowDbContext> options) : WorkflowDbContext(options);
