using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Mqtt;

/// <summary>Fieldlink processes that stop and start, or run side by side, lose and double nothing that devices publish at QoS 1.</summary>
public sealed class MqttAcrossProcessesTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private Mosquitto _broker = null!;

    private string Store => Path.Combine(_directory.Path, "fieldlink.db");

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Alerts_published_while_Fieldlink_was_down_are_stored_when_it_is_back()
    {
        Guid instance;
        await using (var first = await StartAsync("node-1"))
        {
            (instance, _) = await MqttFixture.InstanceAsync(first.Client(), _broker.Port, "pump-1");
            await MqttFixture.ConnectedAsync(first, instance);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, (await _broker.PublishAsync("-q", "1", "-t", "devices/pump-1/alerts", "-m", $$"""{"description": "Leak {{i}}", "token": "leak-{{i}}"}""")).ExitCode);
        }

        await using var back = await StartAsync("node-1");
        var alerts = await MqttFixture.PollAsync(back.Client(), $"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$count=true",
            a => (int)a["@odata.count"]! == 5, "the five alerts published meanwhile");
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"leak-{i}"), alerts["value"]!.AsArray().Select(a => (string)a!["token"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_processes_on_a_shared_subscription_store_each_message_once()
    {
        await using var a = await StartAsync("node-a");
        await using var b = await StartAsync("node-b");
        var (instance, _) = await MqttFixture.InstanceAsync(a.Client(), _broker.Port, "pump-1");
        var (inA, inB) = (await MqttFixture.ConnectedAsync(a, instance), await MqttFixture.ConnectedAsync(b, instance));
        Assert.NotEqual(inA.ClientId, inB.ClientId);

        // Alerts without a token are never de-duplicated: a message stored twice would be two alerts.
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await _broker.PublishAsync("-q", "1", "-t", "devices/pump-1/alerts", "-m", $$"""{"description": "Vibration {{i}}"}""");
        }

        var alerts = await MqttFixture.PollAsync(a.Client(), $"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$count=true&$top=100",
            x => (int)x["@odata.count"]! >= count, $"{count} alerts");
        Assert.Equal(count, (int)alerts["@odata.count"]!);
        Assert.Equal(count, alerts["value"]!.AsArray().Select(x => (string)x!["description"]!).Distinct().Count());
    }

    private async Task<SqliteServer> StartAsync(string node)
    {
        var server = SqliteServer.At(Store).ForMqtt();
        server.With("Mqtt:Node", node);
        await server.InitializeAsync();
        return server;
    }
}
