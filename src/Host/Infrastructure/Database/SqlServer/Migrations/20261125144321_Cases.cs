using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Host.Infrastructure.Database.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseNumberCounters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "int", nullable: false),
                    Last = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNumberCounters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RiskLevel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AreaCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AreaPath = table.Column<string>(type: "nvarchar(391)", maxLength: 391, nullable: false),
                    Facts = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    IssuesInDispute = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Collective = table.Column<bool>(type: "bit", nullable: false),
                    PersonsInvolved = table.Column<int>(type: "int", nullable: true),
                    CourtDelegated = table.Column<bool>(type: "bit", nullable: false),
                    SecurityMatter = table.Column<bool>(type: "bit", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DefinitionKey = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    StartError = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    StartAttempts = table.Column<int>(type: "int", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseParties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseId = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Sex = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Age = table.Column<int>(type: "int", nullable: true),
                    Ethnicity = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Address = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Minor = table.Column<bool>(type: "bit", nullable: false),
                    Consent = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseParties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseParties_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_CaseId_Position",
                table: "CaseParties",
                columns: new[] { "CaseId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_IdNumber",
                table: "CaseParties",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AreaPath",
                table: "Cases",
                column: "AreaPath");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CaseNumber",
                table: "Cases",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ProcessInstanceId",
                table: "Cases",
                column: "ProcessInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_Category",
                table: "Cases",
                columns: new[] { "Status", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Year_Sequence",
                table: "Cases",
                columns: new[] { "Year", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseNumberCounters");

            migrationBuilder.DropTable(
                name: "CaseParties");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
