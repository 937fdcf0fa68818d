using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Workflows.Persistence.PostgreSql.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpProvisional",
                table: "UserTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "UserTasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "Timers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Schedule = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
