using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Host.Infrastructure.Database.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PointsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PointsAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsAccounts_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsProcessingState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastJournalId = table.Column<long>(type: "INTEGER", nullable: false),
                    RescanFromId = table.Column<long>(type: "INTEGER", nullable: false),
                    CandidateRescanFromId = table.Column<long>(type: "INTEGER", nullable: false),
                    CandidateSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsProcessingState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PointsRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    EventKind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProcessKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Variable = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecipientRole = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    CapPerCase = table.Column<int>(type: "INTEGER", nullable: true),
                    RequiresConfirmation = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PointsRedemptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsRedemptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsRedemptions_PointsAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "PointsAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: true),
                    BusinessKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JournalEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Approver = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReversalOfId = table.Column<long>(type: "INTEGER", nullable: true),
                    RedemptionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsEntries_PointsAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "PointsAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PointsEntries_PointsEntries_ReversalOfId",
                        column: x => x.ReversalOfId,
                        principalTable: "PointsEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PointsEntries_PointsRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "PointsRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PointsAccounts_OrgUnitId",
                table: "PointsAccounts",
                column: "OrgUnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PointsAccounts_UserName",
                table: "PointsAccounts",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_AccountId_BusinessKey",
                table: "PointsEntries",
                columns: new[] { "AccountId", "BusinessKey" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_AccountId_Status",
                table: "PointsEntries",
                columns: new[] { "AccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_JournalEntryId",
                table: "PointsEntries",
                column: "JournalEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_Key",
                table: "PointsEntries",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_ReversalOfId",
                table: "PointsEntries",
                column: "ReversalOfId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_RuleId",
                table: "PointsEntries",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_Status_Id",
                table: "PointsEntries",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsRedemptions_AccountId",
                table: "PointsRedemptions",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PointsEntries");

            migrationBuilder.DropTable(
                name: "PointsProcessingState");

            migrationBuilder.DropTable(
                name: "PointsRedemptions");

            migrationBuilder.DropTable(
                name: "PointsRules");

            migrationBuilder.DropTable(
                name: "PointsAccounts");
        }
    }
}
