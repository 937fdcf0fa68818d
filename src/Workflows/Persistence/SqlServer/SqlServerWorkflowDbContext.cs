using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Persistence.SqlServer;

/// <summary>The engine's tables on SQL Server, with migrations of their own (checked offline: no SQL Server runs on these machines).</summary>
public sealed class SqlServerWorkflowDbContext(DbContextOptions<SqlServerWorkflowDbContext> options) : WorkflowDbContext(options);
