using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Npgsql;

namespace Fieldlink.Server.Tests.Cli;

/// <summary>The <c>fieldlink</c> executable itself: serve, migrate and keys, run as processes.</summary>
public sealed class CommandLineTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Keys_create_prints_a_key_the_server_accepts_and_revoke_ends_it()
    {
        var created = await FieldlinkProcess.RunAsync("keys", "create", "--role", "Technician", "--name", "cli technician", "--database", server.DatabasePath);
        Assert.Equal(0, created.ExitCode);
        var key = created.Output;
        Assert.StartsWith("flk_", key, StringComparison.Ordinal);
        Assert.Contains("not shown again", created.Error, StringComparison.Ordinal);
        var client = server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/api/v1/accounts", new { name = "x" })).StatusCode);

        var list = await FieldlinkProcess.RunAsync("keys", "list", "--database", server.DatabasePath);
        var line = Assert.Single(list.Output.Split('\n'), l => l.Contains("cli technician", StringComparison.Ordinal));
        Assert.Contains(key[..12], line, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);

        var revoked = await FieldlinkProcess.RunAsync("keys", "revoke", line.Split("  ")[0], "--database", server.DatabasePath);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/devices")).StatusCode);
    }

    [Fact]
    public async Task Keys_create_for_an_endpoint_without_instance_fails_and_says_why()
    {
        var result = await FieldlinkProcess.RunAsync("keys", "create", "--role", "Endpoint", "--name", "vendor", "--database", server.DatabasePath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--instance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_revoke_of_an_unknown_key_fails()
    {
        var result = await FieldlinkProcess.RunAsync("keys", "revoke", "flk_nothere", "--database", server.DatabasePath);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Migrate_brings_a_new_postgres_database_up_to_date_given_a_uri()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var uri = $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";

        var result = await FieldlinkProcess.RunAsync("migrate", "--database", uri);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task Serve_runs_on_sqlite_in_the_data_dir_with_nothing_else_set_up()
    {
        using var dataDir = new TempDirectory();
        var port = FieldlinkProcess.FreePort();
        using var process = FieldlinkProcess.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var healthy = await FieldlinkProcess.WaitUntilHealthyAsync(process, client);

            Assert.True(healthy, "fieldlink serve did not become healthy");
            Assert.True(File.Exists(Path.Combine(dataDir.Path, "fieldlink.db")));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/devices")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("mosquitto", "Mqtt:Broker is empty, 'embedded' or 'embedded:PORT'")]
    [InlineData("embedded:70000", "Mqtt:Broker's port is 1 to 65535")]
    public async Task Serve_with_a_bad_mqtt_broker_stops_and_names_the_setting(string broker, string expected)
    {
        using var dataDir = new TempDirectory();
        var result = await FieldlinkProcess.RunAsync(
            "serve", "--urls", $"http://127.0.0.1:{FieldlinkProcess.FreePort()}", "--data-dir", dataDir.Path, "--mqtt-broker", broker);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output + result.Error, StringComparison.Ordinal);
    }
}
