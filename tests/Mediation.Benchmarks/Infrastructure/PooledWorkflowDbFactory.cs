using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>The Host's PooledWorkflowDbFactory (copied: the benchmark does not reference the Host): a context from EF's pool per command.</summary>
internal sealed class PooledWorkflowDbFactory<TContext>(IDbContextFactory<TContext> factory) : IWorkflowDbFactory
    where TContext : WorkflowDbContext
{
    public WorkflowDbContext Create() => factory.CreateDbContext();

    // As the Host: only SQLite takes one writer at a time, so only there the engine queues its commits in-process;
    // PostgreSQL locks rows, and commits of different instances go in parallel.
    public bool SingleWriter => typeof(TContext) == typeof(SqliteWorkflowDbContext);
}
