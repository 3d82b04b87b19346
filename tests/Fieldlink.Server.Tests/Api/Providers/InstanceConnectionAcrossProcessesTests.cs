using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Api.Providers;

/// <summary>
/// Two servers on one PostgreSQL database, nodes "node-a" and "node-b": an instance one creates is opened by the other
/// too, through the change notice rather than the (ten-minute) poll; each one's connection shows in <c>nodes</c>, and
/// the instance is Connected only while both are. A process that stops takes its report with it.
/// </summary>
public sealed class InstanceConnectionAcrossProcessesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgresServer _a = null!;
    private PostgresServer _b = null!;
    private bool _bStopped;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _a = Node(PostgresServer.On(_database), "node-a");
        await ((IAsyncLifetime)_a).InitializeAsync();
        _b = Node(PostgresServer.On(_database), "node-b");
        await ((IAsyncLifetime)_b).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (!_bStopped)
        {
            await ((IAsyncLifetime)_b).DisposeAsync();
        }

        await ((IAsyncLifetime)_a).DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Each_process_s_connection_is_in_nodes_and_the_instance_is_Connected_only_while_every_live_one_is()
    {
        await using var broker = await Mosquitto.StartAsync();
        var admin = _a.Client();
        var (instance, _) = await MqttFixture.InstanceAsync(admin, broker.Port);

        // Read from the other process: it opened the instance on the notice, and reads both reports from the database.
        var both = await ConnectionAsync(_b.Client(), instance, c => c["nodes"]!.AsArray().Count == 2 && (string?)c["state"] == "Connected", "both nodes Connected");
        Assert.Equal(["node-a", "node-b"], both["nodes"]!.AsArray().Select(n => (string)n!["node"]!));
        Assert.All(both["nodes"]!.AsArray(), n => Assert.Equal("Connected", (string)n!["state"]!));

        await broker.StopAsync();
        var lost = await ConnectionAsync(admin, instance, c => c["nodes"]!.AsArray().All(n => (string?)n!["state"] == "Disconnected"), "both nodes Disconnected");
        Assert.Equal("Disconnected", (string)lost["state"]!);
        Assert.All(lost["nodes"]!.AsArray(), n => Assert.Contains($"127.0.0.1:{broker.Port}", (string)n!["lastError"]!, StringComparison.Ordinal));

        await broker.StartAgainAsync();
        await ConnectionAsync(admin, instance, c => (string?)c["state"] == "Connected" && c["nodes"]!.AsArray().Count == 2, "both nodes Connected again");

        _bStopped = true;
        await ((IAsyncLifetime)_b).DisposeAsync();
        var alone = await ConnectionAsync(admin, instance, c => c["nodes"]!.AsArray().Count == 1, "node-b's report gone with it");
        Assert.Equal(("node-a", "Connected"), ((string)alone["nodes"]![0]!["node"]!, (string)alone["state"]!));
    }

    private static PostgresServer Node(PostgresServer server, string node)
    {
        server.With("Connectors:ReconcileInterval", "00:10:00").With("Connectors:Node", node);
        return server;
    }

    private static async Task<JsonObject> ConnectionAsync(HttpClient client, Guid instance, Func<JsonObject, bool> done, string what)
    {
        var read = await MqttFixture.PollAsync(client, $"/api/v1/providerInstances/{instance}", i => done(i["connection"]!.AsObject()), what);
        return read["connection"]!.AsObject();
    }
}
