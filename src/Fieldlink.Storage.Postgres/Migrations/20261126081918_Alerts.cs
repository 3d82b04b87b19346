using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Postgres.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAlertAt",
                table: "CustomerAssets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderInstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeviceRecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    CustomerAssetId = table.Column<Guid>(type: "uuid", nullable: true),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    AlertType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AlertTime = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Data = table.Column<string>(type: "text", nullable: true),
                    Token = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ParentAlertId = table.Column<Guid>(type: "uuid", nullable: true),
                    GroupKey = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    ChildCount = table.Column<int>(type: "integer", nullable: false),
                    LastOccurrenceAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DataHistoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    AutoPullPending = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
