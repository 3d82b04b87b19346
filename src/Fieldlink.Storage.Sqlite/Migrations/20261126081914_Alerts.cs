using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ActiveAlertCount",
                table: "CustomerAssets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LastAlertAt",
                table: "CustomerAssets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeviceRecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerAssetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AlertType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AlertTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: true),
                    Token = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParentAlertId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    ChildCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastOccurrenceAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DataHistoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AutoPullPending = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Alerts_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Alerts_Alerts_ParentAlertId",
                        column: x => x.ParentAlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Alerts_CustomerAssets_CustomerAssetId",
                        column: x => x.CustomerAssetId,
                        principalTable: "CustomerAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Alerts_Devices_DeviceRecordId",
                        column: x => x.DeviceRecordId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Alerts_ProviderInstances_ProviderInstanceId",
                        column: x => x.ProviderInstanceId,
                        principalTable: "ProviderInstances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AccountId",
                table: "Alerts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AlertTime",
                table: "Alerts",
                column: "AlertTime");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_AutoPullPending",
                table: "Alerts",
                column: "AutoPullPending");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_CustomerAssetId_Status",
                table: "Alerts",
                columns: new[] { "CustomerAssetId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_DeviceRecordId",
                table: "Alerts",
                column: "DeviceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_GroupKey_AlertTime",
                table: "Alerts",
                columns: new[] { "GroupKey", "AlertTime" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ParentAlertId",
                table: "Alerts",
                column: "ParentAlertId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ProviderInstanceId_Token",
                table: "Alerts",
                columns: new[] { "ProviderInstanceId", "Token" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.DropColumn(
                name: "ActiveAlertCount",
                table: "CustomerAssets");

            migrationBuilder.DropColumn(
                name: "LastAlertAt",
                table: "CustomerAssets");
        }
    }
}
