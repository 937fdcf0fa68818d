using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediation.Host.Cli;

/// <summary>
/// <c>migrations-script --provider Sqlite|PostgreSql|SqlServer</c>: the idempotent SQL of both migration sets (engine,
/// then Host), for a DBA who applies schema changes by hand (then run with Mediation:Database:Migrate=false).
/// Needs no database: the script is generated from the migrations alone.
/// </summary>
public static class MigrationsScriptVerb
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 2 || args[0] != "--provider" || !Enum.TryParse<DatabaseProvider>(args[1], ignoreCase: true, out var provider))
        {
            error.WriteLine("usage: migrations-script --provider Sqlite|PostgreSql|SqlServer");
            return 2;
        }
        DbContext[] contexts = provider switch
        {
            DatabaseProvider.PostgreSql => [new PostgreSqlWorkflowDesignFactory().CreateDbContext([]), new PostgreSqlHostDesignFactory().CreateDbContext([])],
            DatabaseProvider.SqlServer => [new SqlServerWorkflowDesignFactory().CreateDbContext([]), new SqlServerHostDesignFactory().CreateDbContext([])],
            _ => [new SqliteWorkflowDesignFactory().CreateDbContext([]), new SqliteHostDesignFactory().CreateDbContext([])],
        };
        foreach (var context in contexts)
        {
            using (context)
            {
                // EF Core cannot make an idempotent SQLite script: for SQLite it is the full script from an empty file.
                var idempotent = provider != DatabaseProvider.Sqlite;
                output.WriteLine($"-- {context.GetType().Name}{(idempotent ? " (idempotent)" : " (from an empty database)")}");
                output.WriteLine(context.GetService<IMigrator>().GenerateScript(
                    options: idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default));
            }
        }
        return 0;
    }
}
