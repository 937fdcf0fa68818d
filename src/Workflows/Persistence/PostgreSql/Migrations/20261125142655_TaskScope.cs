using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Workflows.Persistence.PostgreSql.Migrations
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
                type: "character varying(400)",
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
