namespace Mediation.Host.Infrastructure.Database;

public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

/// <summary><c>Mediation:Database</c>: which database, and whether start-up applies migrations.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Mediation:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool Migrate { get; set; } = true;
}
