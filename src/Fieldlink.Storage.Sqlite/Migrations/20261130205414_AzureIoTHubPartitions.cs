using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AzureIoTHubPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AzureIoTHubPartitions",
                columns: table => new
                {
                    ProviderInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FullyQualifiedNamespace = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    EventHubName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ConsumerGroup = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PartitionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OwnerIdentifier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnershipModifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Offset = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SequenceNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckpointModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckpointedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AzureIoTHubPartitions", x => new { x.ProviderInstanceId, x.FullyQualifiedNamespace, x.EventHubName, x.ConsumerGroup, x.PartitionId });
                    table.ForeignKey(
                        name: "FK_AzureIoTHubPartitions_ProviderInstances_ProviderInstanceId",
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
                name: "AzureIoTHubPartitions");
        }
    }
}
