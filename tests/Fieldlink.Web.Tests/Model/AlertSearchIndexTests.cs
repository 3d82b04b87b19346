using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// The alerts list's text search on PostgreSQL is answered by the trigram indexes of the AlertSearchIndexes migration.
/// They only help while the SQL the list sends matches their expressions (<c>lower(x) LIKE</c>): a change of how the
/// collection layer writes a search (ILIKE, strpos) would quietly bring back a scan of every alert. So the plan of the
/// SQL EF Core sends for the search is read with sequential scans priced out, and must use each index. (The other
/// indexes of parents could answer any filter of parents by reading all of them: a few thousand parents make that
/// dearer than the trigrams, as it is at any real size.)
/// </summary>
public sealed partial class AlertSearchIndexTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_search_of_descriptions_and_device_ids_uses_their_trigram_indexes_and_knows_how_many_match()
    {
        var admin = server.Client();
        var instance = await Registry.InstanceAsync(admin);
        var token = Registry.Unique("trigrams");
        await AlertPosts.PostAsync(admin, instance.Id(), [.. Enumerable.Range(0, 1000).Select(i => (object)new
        {
            deviceId = $"{token}-{i:D4}", description = $"Compressor pressure {i}",
        })]);

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();

        // Sixteen times as many parents, copied in SQL with new ids and tokens: posting them would take a while.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMP TABLE copies AS SELECT * FROM "Alerts" WHERE "ParentAlertId" IS NULL;
            """);
        for (var doubling = 0; doubling < 4; doubling++)
        {
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE copies SET "Id" = gen_random_uuid(), "Token" = gen_random_uuid()::text;
                INSERT INTO "Alerts" SELECT * FROM copies;
                INSERT INTO copies SELECT * FROM copies;
                """);
        }

        // As autovacuum would: the rows just written wait in the GIN indexes' pending lists, which the planner prices high.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Alerts\"");

        // A rare text: the count (and the page) read the trigram indexes.
        var rare = Search(db, "Overheat");
        var rarePlan = await PlanAsync(db, rare.Select(a => a.Id));
        Assert.True(rarePlan.Contains("IX_Alerts_Description_Trigrams", StringComparison.Ordinal), rarePlan);
        Assert.True(rarePlan.Contains("IX_Alerts_DeviceId_Trigrams", StringComparison.Ordinal), rarePlan);

        // A text every alert holds: the first page walks the newest alerts until 25 match, instead of sorting all of
        // them, which the planner only knows to do from the statistics of the lowercased text.
        var common = Search(db, "pressure").OrderByDescending(a => a.AlertTime).Take(25);
        var commonPlan = await PlanAsync(db, common.Select(a => a.Id));
        Assert.True(commonPlan.Contains("IX_Alerts_AlertTime", StringComparison.Ordinal), commonPlan);
    }

    private static IQueryable<Alert> Search(FieldlinkDbContext db, string text)
    {
        var options = new AlertListQuery { Search = text }.ToQueryOptions();
        options.Remove("$orderby");
        var query = CollectionOptions.Parse<Alert>(options, new AlertResource().Collection, FieldNames.Of<AlertRead>());
        return query.Filter(db.Alerts.AsNoTracking());
    }

    [Fact]
    public async Task The_search_of_device_names_uses_its_trigram_index()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var query = CollectionOptions.Parse<Device>(AlertListQuery.DevicesNamedOptions("Chiller"), "devices", []);

        var plan = await PlanAsync(db, query.Filter(db.Devices.AsNoTracking()).Select(d => d.Id));

        Assert.Contains("IX_Devices_Name_Trigrams", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// EXPLAIN of the query's SQL, its parameters written in, with sequential scans priced out: on a test's few rows a
    /// scan is cheapest, and the question is whether the index can answer the SQL at all.
    /// </summary>
    private static async Task<string> PlanAsync<T>(FieldlinkDbContext db, IQueryable<T> query)
    {
        var sql = Inline(query.ToQueryString());
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = off");
        await using var explain = connection.CreateCommand();
        explain.Transaction = transaction;
        explain.CommandText = "EXPLAIN " + sql;

        var plan = new StringBuilder();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Npgsql's query string declares each parameter in a comment line (<c>-- @p='%text%'</c>); these are put in place.</summary>
    private static string Inline(string queryString)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var sql = new StringBuilder();
        foreach (var line in queryString.Split('\n'))
        {
            if (Parameter().Match(line) is { Success: true } match)
            {
                parameters[match.Groups[1].Value] = match.Groups[2].Value;
            }
            else
            {
                sql.AppendLine(line);
            }
        }

        var text = sql.ToString();
        foreach (var (name, value) in parameters.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(name, value, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex(@"^-- (@\w+)=('.*')(?: \(DbType = \w+\))?\s*$")]
    private static partial Regex Parameter();
}
