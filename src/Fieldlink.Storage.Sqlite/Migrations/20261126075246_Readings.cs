using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Readings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand, not by CreateTable: EF Core cannot say WITHOUT ROWID. Without it every reading would be
            // stored twice, in the rowid table and again in the primary key's index; with it the key is the table,
            // clustered by series and time, as queries and retention read it. The model snapshot is unchanged, and a
            // test (ReadingsStoreOnSqliteTests) fails if a regenerated migration loses the clause.
            migrationBuilder.Sql("""
                CREATE TABLE "Readings" (
                    "SeriesId" INTEGER NOT NULL,
                    "Timestamp" INTEGER NOT NULL,
                    "Value" REAL NOT NULL,
                    CONSTRAINT "PK_Readings" PRIMARY KEY ("SeriesId", "Timestamp")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "ReadingSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeviceRecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
            // it, as a cascade would (and so with their device, whose delete cascades to its series).
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReadingSeries_DeleteReadings" AFTER DELETE ON "ReadingSeries"
                BEGIN
                    DELETE FROM "Readings" WHERE "SeriesId" = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Readings");

            migrationBuilder.DropTable(
                name: "ReadingSeries");
        }
    }
}
