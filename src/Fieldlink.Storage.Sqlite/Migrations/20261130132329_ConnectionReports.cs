using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConnectionReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConnectionReports",
                columns: table => new
                {
                    ProviderInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectionReports", x => new { x.ProviderInstanceId, x.Node });
                    table.ForeignKey(
                        name: "FK_ConnectionReports_ProviderInstances_ProviderInstanceId",
                        column: x => x.ProviderInstanceId,
                        principalTable: "ProviderInstances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectionReports");
        }
    }
}
