using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CommandAlertLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Commands_AlertId",
                table: "Commands",
                column: "AlertId");

            migrationBuilder.AddForeignKey(
                name: "FK_Commands_Alerts_AlertId",
                table: "Commands",
                column: "AlertId",
                principalTable: "Alerts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Commands_Alerts_AlertId",
                table: "Commands");

            migrationBuilder.DropIndex(
                name: "IX_Commands_AlertId",
                table: "Commands");
        }
    }
}
