using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeanerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_ProvisionalYear",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_Assignee",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_CreatedAt_Sequence",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_DueAt",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_Timers_ProvisionalYear",
                table: "Timers");

            migrationBuilder.DropIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers");

            migrationBuilder.DropIndex(
                name: "IX_ProcessInstances_DefinitionId",
                table: "ProcessInstances");

            migrationBuilder.DropIndex(
                name: "IX_ProcessInstances_ParentInstanceId",
                table: "ProcessInstances");

            migrationBuilder.DropIndex(
                name: "IX_ProcessInstances_Status_DefinitionKey",
                table: "ProcessInstances");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Open_Assignee",
                table: "UserTasks",
                column: "Assignee",
                filter: "\"Status\" = 'Open' AND \"Assignee\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Open_CreatedAt_Sequence",
                table: "UserTasks",
                columns: new[] { "CreatedAt", "Sequence" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Open_DueAt",
                table: "UserTasks",
                column: "DueAt",
                filter: "\"Status\" = 'Open' AND \"DueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_ProvisionalYear",
                table: "UserTasks",
                column: "ProvisionalYear",
                filter: "\"ProvisionalYear\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_Pending_DueAt",
                table: "Timers",
                column: "DueAt",
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_ProvisionalYear",
                table: "Timers",
                column: "ProvisionalYear",
                filter: "\"ProvisionalYear\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessInstances_ParentInstanceId",
                table: "ProcessInstances",
                column: "ParentInstanceId",
                filter: "\"ParentInstanceId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Open_Assignee",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Open_CreatedAt_Sequence",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Open_DueAt",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_ProvisionalYear",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_Timers_Pending_DueAt",
                table: "Timers");

            migrationBuilder.DropIndex(
                name: "IX_Timers_ProvisionalYear",
                table: "Timers");

            migrationBuilder.DropIndex(
                name: "IX_ProcessInstances_ParentInstanceId",
                table: "ProcessInstances");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_ProvisionalYear",
                table: "UserTasks",
                column: "ProvisionalYear");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_Assignee",
                table: "UserTasks",
                columns: new[] { "Status", "Assignee" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_CreatedAt_Sequence",
                table: "UserTasks",
                columns: new[] { "Status", "CreatedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_DueAt",
                table: "UserTasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Timers_ProvisionalYear",
                table: "Timers",
                column: "ProvisionalYear");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProcessInstances_DefinitionId",
                table: "ProcessInstances",
                column: "DefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessInstances_ParentInstanceId",
                table: "ProcessInstances",
                column: "ParentInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessInstances_Status_DefinitionKey",
                table: "ProcessInstances",
                columns: new[] { "Status", "DefinitionKey" });
        }
    }
}
