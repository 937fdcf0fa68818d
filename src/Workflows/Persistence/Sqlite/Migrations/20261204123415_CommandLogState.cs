using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Workflows.Persistence.Sqlite.Migrations
{
    /// <summary>
    /// The command log's state in the database (SQLite only, and outside the EF model: the engine's log writes it
    /// with its own SQL): which log belongs to this file, and the last logged command written into its tables.
    /// </summary>
    public partial class CommandLogState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE TABLE \"CommandLogState\" (\"Id\" INTEGER NOT NULL PRIMARY KEY CHECK (\"Id\" = 1), " +
                "\"LogId\" TEXT NOT NULL, \"AppliedSeq\" INTEGER NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE \"CommandLogState\";");
        }
    }
}
