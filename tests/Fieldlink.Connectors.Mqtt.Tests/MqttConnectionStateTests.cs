using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>What the MQTT connector reports of its connection through the sink: the SDK side of the instances' connection state.</summary>
public sealed class MqttConnectionStateTests
{
    [Theory]
    [InlineData(BrokerKind.Mosquitto)]
    [InlineData(BrokerKind.Embedded)]
    public async Task It_reports_Connecting_then_Connected_and_Disconnected_with_the_address_when_the_broker_goes_and_Connected_when_it_is_back(BrokerKind kind)
    {
        await using var broker = await Broker.StartAsync(kind);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        Assert.Equal([(InstanceConnectionState.Connecting, null), (InstanceConnectionState.Connected, null)], sink.Connection);

        await broker.RestartAsync();
        await sink.WaitForAsync(s => s.Connection.Count >= 4 && s.Connection[^1].State == InstanceConnectionState.Connected, "Connected again after the restart");
        var lost = sink.Connection.Skip(2).First();
        Assert.Equal(InstanceConnectionState.Disconnected, lost.State);
        Assert.Contains($"127.0.0.1:{broker.Port}", lost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_reports_Disconnected_with_the_socket_s_words_when_nothing_listens_and_stays_so_through_the_retries()
    {
        var port = Broker.FreePort();
        var sink = new RecordingSink();
        var settings = new MqttSettings { Host = "127.0.0.1", Port = port, ReconnectMinDelayMilliseconds = 50, ReconnectMaxDelayMilliseconds = 100 };
        await using var instance = await Broker.OpenAsync(settings, sink);

        await sink.WaitForAsync(s => s.Connection.Count >= 3, "a retry's report");
        var reports = sink.Connection;
        Assert.Equal(InstanceConnectionState.Connecting, reports[0].State);
        Assert.All(reports.Skip(1), r => Assert.Equal(InstanceConnectionState.Disconnected, r.State));
        Assert.Contains("refused", reports[1].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith($"(127.0.0.1:{port})", reports[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_the_instance_reports_nothing_more()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Embedded);
        var sink = new RecordingSink();
        var instance = await Broker.OpenAsync(broker.Settings(), sink);

        await instance.DisposeAsync();
        Assert.Equal(InstanceConnectionState.Connected, sink.Connection[^1].State);
    }
}
