using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fieldlink.Storage.Postgres.Migrations
{
    /// <summary>
    /// The alerts list's text search finds a substring, case ignored, of a parent alert's description or device id, or of
    /// a device's name: <c>lower(x) LIKE '%text%'</c>, which no b-tree can answer, so it read every alert (≈ 100 ms at
    /// 100,000). Trigram indexes of the lowercased text answer it (≈ 25 ms, docs/benchmarks.md). They are expression
    /// indexes, which EF Core cannot model, hence the SQL. pg_trgm is a trusted extension (PostgreSQL 13+): the
    /// database's owner may create it without being a superuser.
    /// <para>
    /// PostgreSQL keeps no statistics of a partial index's expression, so without the statistics objects below it guessed
    /// that ten alerts match any search, sorted every match for the first page (≈ 100 ms) instead of walking the time
    /// index until 25 are found (0.2 ms). Expression statistics need PostgreSQL 14.
    /// </para>
    /// </summary>
    public partial class AlertSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // Parents only, like the list: a child is never a row of it, and most alerts are children.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Alerts_Description_Trigrams" ON "Alerts" USING gin (lower("Description") gin_trgm_ops) WHERE "ParentAlertId" IS NULL;
                CREATE INDEX "IX_Alerts_DeviceId_Trigrams" ON "Alerts" USING gin (lower("DeviceId") gin_trgm_ops) WHERE "ParentAlertId" IS NULL;
                CREATE INDEX "IX_Devices_Name_Trigrams" ON "Devices" USING gin (lower("Name") gin_trgm_ops);
                CREATE STATISTICS "ST_Alerts_Description_Lower" ON (lower("Description")) FROM "Alerts";
                CREATE STATISTICS "ST_Alerts_DeviceId_Lower" ON (lower("DeviceId")) FROM "Alerts";
                ANALYZE "Alerts";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Alerts_Description_Trigrams";
                DROP INDEX "IX_Alerts_DeviceId_Trigrams";
                DROP INDEX "IX_Devices_Name_Trigrams";
                DROP STATISTICS "ST_Alerts_Description_Lower";
                DROP STATISTICS "ST_Alerts_DeviceId_Lower";
                """);

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
