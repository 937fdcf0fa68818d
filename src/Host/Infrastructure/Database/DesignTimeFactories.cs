using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.PostgreSql;
using Mediation.Workflows.Persistence.Sqlite;
using Mediation.Workflows.Persistence.SqlServer;
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

internal sealed class PostgreSqlWorkflowDesignFactory : IDesignTimeDbContextFactory<PostgreSqlWorkflowDbContext>
{
    public PostgreSqlWorkflowDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgreSqlWorkflowDbContext>()
        .UseNpgsql("Host=localhost;Database=design", s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)
            .MigrationsAssembly(typeof(PostgreSqlWorkflowDbContext).Assembly.GetName().Name)).Options);
}

internal sealed class PostgreSqlHostDesignFactory : IDesignTimeDbContextFactory<PostgreSqlHostDbContext>
{
    public PostgreSqlHostDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgreSqlHostDbContext>()
        .UseNpgsql("Host=localhost;Database=design", s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).Options);
}

internal sealed class SqlServerWorkflowDesignFactory : IDesignTimeDbContextFactory<SqlServerWorkflowDbContext>
{
    public SqlServerWorkflowDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqlServerWorkflowDbContext>()
        .UseSqlServer("Server=localhost;Database=design", s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)
            .MigrationsAssembly(typeof(SqlServerWorkflowDbContext).Assembly.GetName().Name)).Options);
}

internal sealed class SqlServerHostDesignFactory : IDesignTimeDbContextFactory<SqlServerHostDbContext>
{
    public SqlServerHostDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqlServerHostDbContext>()
        .UseSqlServer("Server=localhost;Database=design", s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).Options);
}
