using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fieldlink.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Readings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Readings",
                columns: table => new
                {
                    SeriesId = table.Column<int>(type: "integer", nullable: false),
                    Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readings", x => new { x.SeriesId, x.Timestamp });
                });

            migrationBuilder.CreateTable(
                name: "ReadingSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeviceRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Measure = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadingSeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReadingSeries_Devices_DeviceRecordId",
                        column: x => x.DeviceRecordId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReadingSeries_DeviceRecordId_Measure",
                table: "ReadingSeries",
                columns: new[] { "DeviceRecordId", "Measure" },
                unique: true);

            // Readings have no foreign key to their series (see ReadingConfiguration); this trigger deletes them with
            // it, as a cascade would (and so with their device, whose delete cascades to its series). A regenerated
            // migration must keep it: a test deletes a device and looks for its readings.
            migrationBuilder.Sql("""
                CREATE FUNCTION "ReadingSeries_DeleteReadings"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM "Readings" WHERE "SeriesId" = OLD."Id";
                    RETURN OLD;
                END
                $$;
                CREATE TRIGGER "ReadingSeries_DeleteReadings" AFTER DELETE ON "ReadingSeries"
                    FOR EACH ROW EXECUTE FUNCTION "ReadingSeries_DeleteReadings"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "ReadingSeries_DeleteReadings" ON "ReadingSeries";
                DROP FUNCTION IF EXISTS "ReadingSeries_DeleteReadings"();
                """);

            migrationBuilder.DropTable(
                name: "Readings");

            migrationBuilder.DropTable(
                name: "ReadingSeries");
        }
    }
}
