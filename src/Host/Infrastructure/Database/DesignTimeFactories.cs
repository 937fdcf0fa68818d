using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediation.Host.Infrastructure.Database;

// Used by `dotnet ef migrations add` only: the model does not depend on the connection.
internal sealed class SqliteWorkflowDesignFactory : IDesignTimeDbContextFactory<SqliteWorkflowDbContext>
{
    public SqliteWorkflowDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
        .UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)
            .MigrationsAssembly(typeof(SqliteWorkflowDbContext).Assembly.GetName().Name)).Options);
}

internal sealed class SqliteHostDesignFactory : IDesignTimeDbContextFactory<SqliteHostDbContext>
{
    public SqliteHostDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteHostDbContext>()
        .UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).Options);
}
