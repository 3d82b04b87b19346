using Fieldlink.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fieldlink.Core.Tests.Live;

/// <summary>The feed hands each published batch to every subscriber until it unsubscribes, whatever another one does.</summary>
public sealed class ChangeFeedTests
{
    private static readonly RecordChange AlertChange = new(RecordKind.Alert, Guid.CreateVersion7(), Guid.CreateVersion7());

    [Fact]
    public void Publish_hands_the_batch_to_every_subscriber_until_it_unsubscribes()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
        var first = new List<RecordChange>();
        var second = new List<RecordChange>();
        var one = feed.Subscribe(first.AddRange);
        using var two = feed.Subscribe(second.AddRange);

        feed.Publish([AlertChange]);
        one.Dispose();
        one.Dispose();
        var command = new RecordChange(RecordKind.Command, Guid.CreateVersion7(), null);
        feed.Publish([command]);

        Assert.Equal([AlertChange], first);
        Assert.Equal([AlertChange, command], second);
        Assert.Equal(1, feed.SubscriberCount);
    }

    [Fact]
    public void A_subscriber_that_throws_does_not_keep_the_batch_from_the_others_and_stays_subscribed()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
        var calls = 0;
        var seen = new List<RecordChange>();
        using var failing = feed.Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException("a page failed");
        });
        using var working = feed.Subscribe(seen.AddRange);

        feed.Publish([AlertChange]);
        feed.Publish([AlertChange]);

        Assert.Equal(2, calls);
        Assert.Equal([AlertChange, AlertChange], seen);
    }

    [Fact]
    public void An_empty_batch_reaches_nobody()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
        var called = false;
        using var subscription = feed.Subscribe(_ => called = true);

        feed.Publish([]);

        Assert.False(called);
    }
}
