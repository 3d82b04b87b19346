using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Issue 15: what the embedded broker owes a persistent session has bounds in time (its session expiry interval), and
/// none in the number of messages MQTTnet queues for it before dropping them.
/// </summary>
public sealed class EmbeddedBrokerSessionTests
{
    [Fact]
    public async Task A_session_away_longer_than_its_expiry_is_owed_nothing_and_one_within_it_is_owed_everything()
    {
        var port = Broker.FreePort();
        var data = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using (var before = await StartAsync(port, data, clock))
            {
                // An instance deleted, or an earlier run of the same machine: it subscribed and never came back.
                await SubscribeAndLeaveAsync(port, "gone-for-good", expirySeconds: 60);
                await SubscribeAndLeaveAsync(port, "back-soon", expirySeconds: 3600);
            }

            await using var broker = await StartAsync(port, data, clock);
            clock.Advance(TimeSpan.FromSeconds(61));
            using var publisher = await ClientAsync(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], expirySeconds: 0);
            for (var i = 0; i < 5; i++)
            {
                var published = await Broker.PublishAsync(publisher, $"sessions/{i}", $"message {i}");
                Assert.True(published.IsSuccess, published.ReasonString);
            }

            // Only "back-soon" is owed the five; "gone-for-good" ended 1 s ago and costs nothing more.
            Assert.Equal(5, broker.PendingMessages);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_persistent_session_away_gets_every_message_published_meanwhile_beyond_MQTTnets_queue_of_250()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Embedded);
        await SubscribeAndLeaveAsync(broker.Port, "backlog-1", expirySeconds: 3600);
        using (var publisher = await broker.DeviceAsync())
        {
            for (var i = 0; i < 300; i++)
            {
                var published = await Broker.PublishAsync(publisher, $"sessions/{i}", $"message {i}");
                Assert.True(published.IsSuccess, published.ReasonString);
            }
        }

        var received = new ConcurrentDictionary<string, bool>();
        using var back = new MqttClientFactory().CreateMqttClient();
        back.ApplicationMessageReceivedAsync += e =>
        {
            received[e.ApplicationMessage.ConvertPayloadToString()] = true;
            return Task.CompletedTask;
        };
        await back.ConnectAsync(Options(broker.Port, "backlog-1", 3600));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < 300 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(300, received.Count);
    }

    [Fact]
    public async Task A_session_begun_with_a_clean_start_and_an_expiry_ends_once_away_longer_than_it()
    {
        var port = Broker.FreePort();
        var data = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using (var before = await StartAsync(port, data, clock))
            {
                // MQTT 5's "a new session, kept after the connection": clean start with an expiry.
                using var client = new MqttClientFactory().CreateMqttClient();
                await client.ConnectAsync(Options(port, "fresh-start", 60, cleanStart: true));
                await client.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
                await client.DisconnectAsync();
            }

            await using var broker = await StartAsync(port, data, clock);
            clock.Advance(TimeSpan.FromSeconds(61));
            using var publisher = await ClientAsync(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], expirySeconds: 0);
            var published = await Broker.PublishAsync(publisher, "sessions/1", "message 1");
            Assert.True(published.IsSuccess, published.ReasonString);

            Assert.Equal(0, broker.PendingMessages);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Messages_refused_by_a_full_queue_are_owed_again_and_sent_at_the_next_subscription()
    {
        var port = Broker.FreePort();
        var data = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        try
        {
            await using var broker = await StartAsync(port, data, TimeProvider.System, maxQueued: 10);
            await SubscribeAndLeaveAsync(port, "backlog-2", expirySeconds: 3600);
            using (var publisher = await ClientAsync(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], expirySeconds: 0))
            {
                for (var i = 0; i < 15; i++)
                {
                    var published = await Broker.PublishAsync(publisher, $"sessions/{i}", $"message {i}");
                    Assert.True(published.IsSuccess, published.ReasonString);
                }
            }

            var received = new ConcurrentDictionary<string, int>();
            using var back = new MqttClientFactory().CreateMqttClient();
            back.ApplicationMessageReceivedAsync += e =>
            {
                received.AddOrUpdate(e.ApplicationMessage.ConvertPayloadToString(), 1, (_, n) => n + 1);
                return Task.CompletedTask;
            };
            await back.ConnectAsync(Options(port, "backlog-2", 3600));
            await WaitUntilAsync(() => received.Count >= 10);

            // The queue has room again: the subscription hands over the five it refused.
            await back.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await WaitUntilAsync(() => received.Count >= 15);

            Assert.Equal(15, received.Count);

            // MQTTnet's drop-oldest kept what it dropped among the unacknowledged, sent again at the reconnection.
            Assert.All(received, r => Assert.Equal(1, r.Value));
            await WaitUntilAsync(() => broker.PendingMessages == 0);
            Assert.Equal(0, broker.PendingMessages);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_wall_clock_set_forward_while_a_session_is_away_does_not_end_it()
    {
        var port = Broker.FreePort();
        var data = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using var broker = await StartAsync(port, data, clock);
            await SubscribeAndLeaveAsync(port, "away-a-little", expirySeconds: 60);

            // NTP, or an operator, moves the machine's clock a day on; only 10 s pass.
            clock.Now += TimeSpan.FromDays(1);
            clock.Advance(TimeSpan.FromSeconds(10));
            using var publisher = await ClientAsync(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], expirySeconds: 0);
            var published = await Broker.PublishAsync(publisher, "sessions/1", "message 1");
            Assert.True(published.IsSuccess, published.ReasonString);

            Assert.Equal(1, broker.PendingMessages);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_backlog_bigger_than_the_queue_follows_as_acknowledgements_make_room_without_a_new_subscription()
    {
        var port = Broker.FreePort();
        var data = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        try
        {
            await using var broker = await StartAsync(port, data, TimeProvider.System, maxQueued: 10);
            await SubscribeAndLeaveAsync(port, "backlog-3", expirySeconds: 3600);
            using (var publisher = await ClientAsync(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], expirySeconds: 0))
            {
                for (var i = 0; i < 35; i++)
                {
                    var published = await Broker.PublishAsync(publisher, $"sessions/{i}", $"message {i}");
                    Assert.True(published.IsSuccess, published.ReasonString);
                }
            }

            // Back on its session, it never subscribes again: the 25 the queue refused come in passes as it acknowledges.
            var received = new ConcurrentDictionary<string, int>();
            using var back = new MqttClientFactory().CreateMqttClient();
            back.ApplicationMessageReceivedAsync += e =>
            {
                received.AddOrUpdate(e.ApplicationMessage.ConvertPayloadToString(), 1, (_, n) => n + 1);
                return Task.CompletedTask;
            };
            await back.ConnectAsync(Options(port, "backlog-3", 3600));
            await WaitUntilAsync(() => received.Count >= 35);

            Assert.Equal(35, received.Count);
            await WaitUntilAsync(() => broker.PendingMessages == 0);
            Assert.Equal(0, broker.PendingMessages);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_session_taken_over_by_a_new_connection_is_not_away_and_does_not_expire()
    {
        var port = Broker.FreePort();
        var data = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using var broker = await StartAsync(port, data, clock);
            using var first = await ClientAsync(port, "taken-over", expirySeconds: 60);
            await first.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);

            // The same client id again: MQTTnet ends the first connection (a takeover) after this one was validated.
            var received = new ConcurrentDictionary<string, bool>();
            using var second = new MqttClientFactory().CreateMqttClient();
            second.ApplicationMessageReceivedAsync += e =>
            {
                received[e.ApplicationMessage.ConvertPayloadToString()] = true;
                return Task.CompletedTask;
            };
            await second.ConnectAsync(Options(port, "taken-over", 60));
            await WaitUntilAsync(() => !first.IsConnected);

            // Connected all along: past its expiry interval since the takeover, the session is still owed messages.
            clock.Advance(TimeSpan.FromSeconds(61));
            using var publisher = await ClientAsync(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], expirySeconds: 0);
            var published = await Broker.PublishAsync(publisher, "sessions/1", "message 1");
            Assert.True(published.IsSuccess, published.ReasonString);
            await WaitUntilAsync(() => received.ContainsKey("message 1"));

            Assert.True(received.ContainsKey("message 1"));
            Assert.True(second.IsConnected);
            var journal = await ReadSharedAsync(Path.Combine(data, "mqtt", "sessions.journal"));
            Assert.DoesNotContain(journal.Split('\n'), line => line.Contains("forget", StringComparison.Ordinal) && line.Contains("taken-over", StringComparison.Ordinal));

            // And the journal does not say it is away (which a restart would count from the takeover, not from itself).
            await WaitUntilAsync(async () => LastSessionLine(await ReadSharedAsync(Path.Combine(data, "mqtt", "sessions.journal")), "taken-over").Contains("\"open\"", StringComparison.Ordinal));
            Assert.Contains("\"open\"", LastSessionLine(await ReadSharedAsync(Path.Combine(data, "mqtt", "sessions.journal")), "taken-over"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string LastSessionLine(string journal, string client) =>
        journal.Split('\n').LastOrDefault(l => l.Contains($"\"{client}\"", StringComparison.Ordinal) && (l.Contains("\"open\"", StringComparison.Ordinal) || l.Contains("\"gone\"", StringComparison.Ordinal))) ?? "";

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<EmbeddedMqttBroker> StartAsync(int port, string data, TimeProvider clock, int maxQueued = 30_000)
    {
        var broker = new EmbeddedMqttBroker(
            Microsoft.Extensions.Options.Options.Create(new MqttOptions { Broker = $"embedded:{port}", DataDirectory = data, BrokerMaxQueuedMessages = maxQueued }),
            NullLogger<EmbeddedMqttBroker>.Instance,
            clock);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await broker.StartAsync(CancellationToken.None);
                return broker;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                // The port of the broker just stopped may not be free again at once.
                await Task.Delay(200);
            }
        }
    }

    private static async Task SubscribeAndLeaveAsync(int port, string clientId, uint expirySeconds)
    {
        using var client = await ClientAsync(port, clientId, expirySeconds);
        await client.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await client.DisconnectAsync();
    }

    private static async Task<IMqttClient> ClientAsync(int port, string clientId, uint expirySeconds)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(port, clientId, expirySeconds));
        return client;
    }

    private static MqttClientOptions Options(int port, string clientId, uint expirySeconds, bool? cleanStart = null) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(clientId)
        .WithCleanStart(cleanStart ?? expirySeconds == 0)
        .WithSessionExpiryInterval(expirySeconds)
        .Build();

    /// <summary>A wall clock and a monotonic one, moved together by <see cref="Advance"/>, or the wall clock alone.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private long _elapsedTicks;

        public DateTimeOffset Now { get; set; } = now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => Now;

        public override long GetTimestamp() => _elapsedTicks;

        public void Advance(TimeSpan by)
        {
            Now += by;
            _elapsedTicks += by.Ticks;
        }
    }
}
