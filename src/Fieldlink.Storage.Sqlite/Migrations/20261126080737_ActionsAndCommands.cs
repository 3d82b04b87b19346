using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionsAndCommands : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Commands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceRecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerAssetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", nullable: false),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TimeoutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Response = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Commands_CustomerAssets_CustomerAssetId",
                        column: x => x.CustomerAssetId,
                        principalTable: "CustomerAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Commands_Devices_DeviceRecordId",
                        column: x => x.DeviceRecordId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeviceDataHistory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceRecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConnectionState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConnectionStateChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReportedProperties = table.Column<string>(type: "TEXT", nullable: true),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceDataHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceDataHistory_Devices_DeviceRecordId",
                        column: x => x.DeviceRecordId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationHistory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceRecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProviderDeviceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistrationHistory_Devices_DeviceRecordId",
                        column: x => x.DeviceRecordId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Commands_CustomerAssetId",
                table: "Commands",
                column: "CustomerAssetId");

            migrationBuilder.CreateIndex(
                name: "IX_Commands_DeviceRecordId_CreatedAt",
                table: "Commands",
                columns: new[] { "DeviceRecordId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Commands_IdempotencyKey_DeviceRecordId",
                table: "Commands",
                columns: new[] { "IdempotencyKey", "DeviceRecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Commands_Status_CreatedAt",
                table: "Commands",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceDataHistory_DeviceRecordId_CreatedAt",
                table: "DeviceDataHistory",
                columns: new[] { "DeviceRecordId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationHistory_DeviceRecordId_CreatedAt",
                table: "RegistrationHistory",
                columns: new[] { "DeviceRecordId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Commands");

            migrationBuilder.DropTable(
                name: "DeviceDataHistory");

            migrationBuilder.DropTable(
                name: "RegistrationHistory");
        }
    }
}
