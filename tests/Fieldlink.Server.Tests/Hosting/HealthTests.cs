using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Npgsql;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary><c>/healthz</c> answers for the store: 200 while it answers, 503 when it is gone.</summary>
public sealed class HealthTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Healthz_is_200_while_the_store_answers_and_503_when_it_is_gone()
    {
        var client = server.Client(key: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // The health check service logs an unhealthy check at Error.
        using var _ = server.Log.ExpectErrors("HealthChecks");
        await DropAsync(server.Database.Name);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
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
