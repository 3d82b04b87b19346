using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Issue 15: what the embedded broker owes a persistent session has a bound in time, its session expiry interval,
/// counted while the session is away (not connected), on the monotonic clock, across restarts.
/// </summary>
public sealed class EmbeddedBrokerSessionExpiryTests
{
    [Fact]
    public async Task A_session_away_longer_than_its_expiry_is_owed_nothing_and_one_within_it_is_owed_everything()
    {
        using var scratch = new JournaledBroker();
        await using (var before = await scratch.StartAsync())
        {
            // An instance deleted, or an earlier run of the same machine: it subscribed and never came back.
            await scratch.SubscribeAndLeaveAsync("gone-for-good", expirySeconds: 60);
            await scratch.SubscribeAndLeaveAsync("back-soon", expirySeconds: 3600);
        }

        await using var broker = await scratch.StartAsync();
        scratch.Clock.Advance(TimeSpan.FromSeconds(61));
        await scratch.PublishAsync(5);

        // Only "back-soon" is owed the five; "gone-for-good" ended 1 s ago and costs nothing more.
        Assert.Equal(5, broker.PendingMessages);
    }

    [Fact]
    public async Task A_session_begun_with_a_clean_start_and_an_expiry_ends_once_away_longer_than_it()
    {
        using var scratch = new JournaledBroker();
        await using (var before = await scratch.StartAsync())
        {
            // MQTT 5's "a new session, kept after the connection": clean start with an expiry.
            await scratch.SubscribeAndLeaveAsync("fresh-start", expirySeconds: 60, cleanStart: true);
        }

        await using var broker = await scratch.StartAsync();
        scratch.Clock.Advance(TimeSpan.FromSeconds(61));
        await scratch.PublishAsync(1);

        Assert.Equal(0, broker.PendingMessages);
    }

    [Fact]
    public async Task A_wall_clock_set_forward_while_a_session_is_away_does_not_end_it()
    {
        using var scratch = new JournaledBroker();
        await using var broker = await scratch.StartAsync();
        await scratch.SubscribeAndLeaveAsync("away-a-little", expirySeconds: 60);

        // NTP, or an operator, moves the machine's clock a day on; only 10 s pass.
        scratch.Clock.Now += TimeSpan.FromDays(1);
        scratch.Clock.Advance(TimeSpan.FromSeconds(10));
        await scratch.PublishAsync(1);

        Assert.Equal(1, broker.PendingMessages);
    }

    [Fact]
    public async Task A_session_taken_over_by_a_new_connection_is_not_away_and_does_not_expire()
    {
        using var scratch = new JournaledBroker();
        await using var broker = await scratch.StartAsync();
        using var first = new MqttClientFactory().CreateMqttClient();
        await first.ConnectAsync(JournaledBroker.Options(scratch.Port, "taken-over", 60));
        await first.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);

        // The same client id again: MQTTnet ends the first connection (a takeover) after this one was validated.
        var received = new ConcurrentDictionary<string, int>();
        using var second = await scratch.ConnectCountingAsync("taken-over", 60, received);
        await JournaledBroker.WaitUntilAsync(() => !first.IsConnected);

        // Connected all along: past its expiry interval since the takeover, the session is still owed messages.
        scratch.Clock.Advance(TimeSpan.FromSeconds(61));
        await scratch.PublishAsync(1);
        await JournaledBroker.WaitUntilAsync(() => received.ContainsKey("message 0"));

        Assert.True(received.ContainsKey("message 0"));
        Assert.True(second.IsConnected);
        var journal = await scratch.ReadJournalAsync();
        Assert.DoesNotContain(journal.Split('\n'), line => line.Contains("forget", StringComparison.Ordinal) && line.Contains("taken-over", StringComparison.Ordinal));

        // And the journal does not say it is away (which a restart would count from the takeover, not from itself).
        await JournaledBroker.WaitUntilAsync(async () => (await scratch.LastSessionLineAsync("taken-over")).Contains("\"open\"", StringComparison.Ordinal));
        Assert.Contains("\"open\"", await scratch.LastSessionLineAsync("taken-over"), StringComparison.Ordinal);
    }
}
