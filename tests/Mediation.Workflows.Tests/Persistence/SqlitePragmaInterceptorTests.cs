using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Tests.Persistence;

public sealed class SqlitePragmaInterceptorTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"mediation-pragmas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task EveryOpen_HasTheProductsPragmas_WhenThePoolHandsTheNativeConnectionOutAgain()
    {
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString())
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
        var ct = TestContext.Current.CancellationToken;
        var handles = new List<int>();

        for (var open = 0; open < 3; open++)
        {
            await using var db = new SqliteWorkflowDbContext(options);
            await db.Database.OpenConnectionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal("wal", Pragma(connection, "journal_mode"));
            Assert.Equal("2", Pragma(connection, "synchronous"));        // FULL
            Assert.Equal("1", Pragma(connection, "foreign_keys"));
            Assert.Equal("30000", Pragma(connection, "busy_timeout"));
            handles.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(connection.Handle!));
        }

        Assert.Single(handles.Distinct());   // the pool handed out one native connection each time
    }

    [Fact]
    public async Task CustomPragmas_ReplaceTheProducts()
    {
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite($"Data Source={file}")
            .AddInterceptors(new SqlitePragmaInterceptor("journal_mode=WAL; synchronous=NORMAL"))
            .Options;
        await using var db = new SqliteWorkflowDbContext(options);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.Equal("1", Pragma((SqliteConnection)db.Database.GetDbConnection(), "synchronous"));   // NORMAL
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
    }
}
