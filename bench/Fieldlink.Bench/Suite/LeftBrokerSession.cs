using MQTTnet;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// Ends, once the server has stopped, the persistent session its MQTT connector leaves at a broker the bench did not
/// start (a stopped instance keeps it, with a day's expiry, so QoS 1 messages wait for it). Each run has a new provider
/// instance, so a new client id: a session left behind by every run made the broker queue every later run's messages
/// once more per earlier run, until the runs slowed and, under load, timed out.
/// </summary>
public sealed class LeftBrokerSession(int brokerPort) : IAsyncDisposable
{
    /// <summary>The connector's client id, once it has connected; nothing is ended while it is null.</summary>
    public string? ClientId { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (ClientId is null)
        {
            return;
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(
            new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", brokerPort)
                .WithClientId(ClientId)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithCleanStart(true)
                .WithSessionExpiryInterval(0)
                .Build(),
            timeout.Token);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithSessionExpiryInterval(0).Build(), timeout.Token);
    }
}
