using Mediation.Host.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Mediation.Host.Tests;

/// <summary>The Host on a temporary SQLite file of its own.</summary>
public sealed class SqliteAppFactory : MediationAppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(Folder, "mediation.db")}";

    protected override ValueTask DeleteDatabaseAsync()
    {
        // The file goes with the factory's folder once no pooled connection holds it.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
