using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AlertParentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_AutoPullPending",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_GroupKey_AlertTime",
                table: "Alerts");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AutoPullPending",
                table: "Alerts",
                column: "AutoPullPending",
                filter: "\"AutoPullPending\"");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_GroupKey",
                table: "Alerts",
                column: "GroupKey",
                filter: "\"ParentAlertId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_AutoPullPending",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_GroupKey",
                table: "Alerts");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AutoPullPending",
                table: "Alerts",
                column: "AutoPullPending");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_GroupKey_AlertTime",
                table: "Alerts",
                columns: new[] { "GroupKey", "AlertTime" });
        }
    }
}
