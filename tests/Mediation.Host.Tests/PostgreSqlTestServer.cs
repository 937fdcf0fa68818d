using Npgsql;

namespace Mediation.Host.Tests;

/// <summary>
/// The PostgreSQL server named by <c>MEDIATION_TEST_POSTGRES</c> (a connection without a database, e.g.
/// <c>Host=localhost;Port=5432;Username=postgres;Password=postgres</c>): each factory creates a database of its own
/// there and drops it afterwards. Without the variable the PostgreSQL tests skip, except on CI, where they fail.
/// </summary>
public static class PostgreSqlTestServer
{
    public const string Variable = "MEDIATION_TEST_POSTGRES";
    private const string DatabasePrefix = "mediation_t_";

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(ServerConnectionString);

    private static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable);

    public static void SkipUnlessConfigured()
    {
        if (IsConfigured) return;
        var reason = $"{Variable} is not set, so the PostgreSQL tests do not run "
            + "(e.g. export MEDIATION_TEST_POSTGRES=\"Host=localhost;Port=5432;Username=postgres;Password=postgres\").";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{reason} CI=true, so they must run: .ci/run starts a server and sets it.");
        }
        Assert.Skip(reason);
    }

    /// <summary>Creates an empty database and returns the connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = DatabasePrefix + Guid.NewGuid().ToString("n");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending any connection still open to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith(DatabasePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a test database.", nameof(connectionString));
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
