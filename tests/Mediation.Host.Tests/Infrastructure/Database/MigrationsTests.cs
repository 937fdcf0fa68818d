using Mediation.Host.Cli;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Tests.Infrastructure.Database;

/// <summary>Each provider's migrations capture the model: a change without its migration fails here, offline.</summary>
public sealed class MigrationsTests
{
    public static TheoryData<string> Contexts() =>
    [
        "SqliteWorkflow", "SqliteHost", "PostgreSqlWorkflow", "PostgreSqlHost", "SqlServerWorkflow", "SqlServerHost",
    ];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Model_HasNoChangesWithoutMigration(string name)
    {
        using DbContext context = name switch
        {
            "SqliteWorkflow" => new SqliteWorkflowDesignFactory().CreateDbContext([]),
            "SqliteHost" => new SqliteHostDesignFactory().CreateDbContext([]),
            "PostgreSqlWorkflow" => new PostgreSqlWorkflowDesignFactory().CreateDbContext([]),
            "PostgreSqlHost" => new PostgreSqlHostDesignFactory().CreateDbContext([]),
            "SqlServerWorkflow" => new SqlServerWorkflowDesignFactory().CreateDbContext([]),
            _ => new SqlServerHostDesignFactory().CreateDbContext([]),
        };

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), $"{name}: the model has changes no migration captures; add one (README, Database migrations).");
    }

    [Theory]
    [InlineData("SqlServer", "CREATE TABLE [ProcessInstances]")]
    [InlineData("PostgreSql", "CREATE TABLE \"ProcessInstances\"")]
    [InlineData("Sqlite", "CREATE TABLE \"ProcessInstances\"")]
    public void MigrationsScript_PrintsIdempotentSqlOfBothSets(string provider, string expected)
    {
        var output = new StringWriter();

        var exit = MigrationsScriptVerb.Run(["--provider", provider], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains(expected, output.ToString());
        Assert.Contains("AspNetUsers", output.ToString());
    }

    [Fact]
    public void MigrationsScript_Exits2_WhenProviderIsUnknown()
        => Assert.Equal(2, MigrationsScriptVerb.Run(["--provider", "Oracle"], new StringWriter(), new StringWriter()));
}
