using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaskScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "UserTasks",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Scope",
                table: "UserTasks");
        }
    }
}
