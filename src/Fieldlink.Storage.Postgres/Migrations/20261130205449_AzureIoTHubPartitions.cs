using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Postgres.Migrations
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
                    ProviderInstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    FullyQualifiedNamespace = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    EventHubName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ConsumerGroup = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PartitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OwnerIdentifier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    OwnershipModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Offset = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SequenceNumber = table.Column<long>(type: "bigint", nullable: true),
                    CheckpointModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckpointedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
