using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mediation.Workflows.Persistence.Sqlite;

public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks compare as integers and keep full precision.
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    /// <summary>
    /// The journal's key is SQLite's rowid, which numbers rows in insertion order by itself (journal rows are never
    /// deleted). EF's convention would declare it AUTOINCREMENT, which writes sqlite_sequence on every command; and
    /// EF 10 cannot keep "no AUTOINCREMENT" in a migrations snapshot. So the model says the key is never generated:
    /// EF never inserts journal rows (ChangeSet does, leaving the key out), and the table gets a plain INTEGER PRIMARY KEY.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<JournalEntryEntity>().Property(e => e.Id).ValueGeneratedNever();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
