using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AlertListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AlertType",
                table: "Alerts",
                column: "AlertType",
                filter: "\"ParentAlertId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ProviderId",
                table: "Alerts",
                column: "ProviderId",
                filter: "\"ParentAlertId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_AlertType",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_ProviderId",
                table: "Alerts");
        }
    }
}
