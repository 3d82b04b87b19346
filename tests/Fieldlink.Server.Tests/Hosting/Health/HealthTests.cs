using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Npgsql;

namespace Fieldlink.Server.Tests.Hosting.Health;

/// <summary><c>/healthz</c> and <c>/healthz/ready</c> answer for the store: 200 while it answers, 503 when it is gone.</summary>
public sealed class HealthTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Healthz_is_200_while_the_store_answers_and_503_when_it_is_gone()
    {
        var client = server.Client(key: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // The health check service logs an unhealthy check at Error.
        using var _ = server.Log.ExpectErrors("HealthChecks");
        using var __ = server.Log.ExpectErrors("Microsoft.EntityFrameworkCore");

        // The workers polling the store (webhooks, commands, connectors, ...) fail their rounds too while it is gone.
        using var ___ = server.Log.ExpectErrors("Fieldlink.");
        await DropAsync(server.Database.Name);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);

        // Readiness says which part failed: the store is Unhealthy; the parts read from it cannot tell and say so, Degraded.
        using var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", (string?)body["status"]);
        Assert.Equal("Unhealthy", (string?)body["entries"]!["store"]!["status"]);
        Assert.Equal("The store does not answer.", (string?)body["entries"]!["store"]!["description"]);
        Assert.Equal("Degraded", (string?)body["entries"]!["webhookOutbox"]!["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["entries"]!["webhookOutbox"]!["description"]));
        Assert.Equal("Degraded", (string?)body["entries"]!["providerInstances"]!["status"]);
    }

    private static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Fieldlink.Testing.TestPostgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
