using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkingDayCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DueProvisional",
                table: "UserTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpProvisional",
                table: "UserTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "UserTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "Timers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarYears", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_ProvisionalYear",
                table: "UserTasks",
                column: "ProvisionalYear");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_ProvisionalYear",
                table: "Timers",
                column: "ProvisionalYear");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarYears");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_ProvisionalYear",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_Timers_ProvisionalYear",
                table: "Timers");

            migrationBuilder.DropColumn(
                name: "DueProvisional",
                table: "UserTasks");

            migrationBuilder.DropColumn(
                name: "FollowUpProvisional",
                table: "UserTasks");

            migrationBuilder.DropColumn(
                name: "ProvisionalYear",
                table: "UserTasks");

            migrationBuilder.DropColumn(
                name: "ProvisionalYear",
                table: "Timers");
        }
    }
}
