using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Issue 15, review of session 17, gaps 1 and 2: a journal written by an earlier version of the broker is read as it
/// is, and what it lacks is made up when it is opened: a session it holds no record of (no "open" line: written before
/// sessions expired) counts as seen at the restart, and an entry without a sequence number gets one.
/// </summary>
public sealed class EmbeddedBrokerEarlierJournalTests
{
    [Fact]
    public async Task A_session_a_journal_from_before_session_expiry_holds_ends_once_away_a_day_from_the_restart()
    {
        using var scratch = new JournaledBroker();
        await scratch.WriteJournalAsync(
            """{"Op":"sub","Client":"from-before","Filter":"sessions/#","Qos":1}""",
            """{"Op":"add","Entry":{"Seq":1,"To":"from-before","Topic":"sessions/old","Payload":"b2xk","Qos":1}}""");
        await using var broker = await scratch.StartAsync();
        Assert.Equal(1, broker.PendingMessages);

        // Within a day of the restart it is owed what it was, and what is published meanwhile.
        scratch.Clock.Advance(TimeSpan.FromHours(23));
        await scratch.PublishAsync(1);
        Assert.Equal(2, broker.PendingMessages);

        // Away a day from the restart (Fieldlink's connector's own session expiry): ended, and owed nothing more.
        scratch.Clock.Advance(TimeSpan.FromHours(1));
        await scratch.PublishAsync(1);
        Assert.Equal(0, broker.PendingMessages);
    }

    [Fact]
    public async Task The_time_a_session_without_a_record_was_first_seen_is_kept_across_another_restart()
    {
        using var scratch = new JournaledBroker();
        await scratch.WriteJournalAsync("""{"Op":"sub","Client":"from-before","Filter":"sessions/#","Qos":1}""");
        await using (var first = await scratch.StartAsync())
        {
            Assert.Contains("\"open\"", await scratch.ReadJournalAsync(), StringComparison.Ordinal);
        }

        // A restart a day later does not count it as seen again.
        scratch.Clock.Advance(TimeSpan.FromDays(1));
        await using var broker = await scratch.StartAsync();
        await scratch.PublishAsync(1);

        Assert.Equal(0, broker.PendingMessages);
    }

    [Fact]
    public async Task Identical_entries_journaled_without_a_sequence_number_are_each_owed()
    {
        using var scratch = new JournaledBroker();
        await scratch.WriteJournalAsync(
            """{"Op":"open","Client":"numberless","ExpirySeconds":3600}""",
            """{"Op":"sub","Client":"numberless","Filter":"sessions/#","Qos":1}""",
            """{"Op":"add","Entry":{"To":"numberless","Topic":"sessions/old","Payload":"b2xk","Qos":1}}""",
            """{"Op":"add","Entry":{"To":"numberless","Topic":"sessions/old","Payload":"b2xk","Qos":1}}""");
        await using var broker = await scratch.StartAsync();
        Assert.Equal(2, broker.PendingMessages);

        var received = new ConcurrentDictionary<string, int>();
        using var back = await scratch.ConnectCountingAsync("numberless", 3600, received);
        await back.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await JournaledBroker.WaitUntilAsync(() => broker.PendingMessages == 0);

        Assert.Equal(2, received.GetValueOrDefault("old"));
    }
}
