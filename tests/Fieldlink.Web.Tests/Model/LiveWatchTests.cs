using System.Threading.Channels;
using Fieldlink.Core.Live;
using Fieldlink.Server.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Web.Tests.Model;

/// <summary>A page's watch, without a browser: it reloads at once, then coalesces a burst into one reload per interval.</summary>
public sealed class LiveWatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly ChangeFeed _feed = new(NullLogger<ChangeFeed>.Instance);
    private readonly Channel<IReadOnlyList<RecordChange>> _reloads = Channel.CreateUnbounded<IReadOnlyList<RecordChange>>();
    private readonly LiveWatches _watches;

    public LiveWatchTests() => _watches = new LiveWatches(_feed, _time, NullLogger<LiveWatch>.Instance);

    public void Dispose() => _reloads.Writer.TryComplete();

    [Fact]
    public async Task Reloads_at_once_then_once_per_interval_with_everything_that_came_meanwhile()
    {
        using var watch = Watch(LiveFilter.Of(RecordKind.Alert));
        var first = Alert();

        _feed.Publish([first]);

        Assert.Equal([first], await NextReloadAsync());
        var burst = Enumerable.Range(0, 5).Select(_ => Alert()).ToList();
        foreach (var change in burst)
        {
            _feed.Publish([change]);
        }

        await Task.Delay(100);
        Assert.False(_reloads.Reader.TryRead(out _));

        _time.Advance(LiveWatches.DefaultInterval);

        Assert.Equal(burst, await NextReloadAsync());
        _time.Advance(LiveWatches.DefaultInterval);
        await Task.Delay(100);
        Assert.False(_reloads.Reader.TryRead(out _));
        Assert.Equal(2, watch.Reloads);

        // Quiet for an interval: the next change is again reloaded at once.
        var later = Alert();
        _feed.Publish([later]);
        Assert.Equal([later], await NextReloadAsync());
    }

    [Fact]
    public async Task Reloads_only_for_the_kinds_and_devices_it_watches()
    {
        var device = Guid.CreateVersion7();
        using var watch = Watch(LiveFilter.Of(RecordKind.Command, RecordKind.Case).ForDevices(device));
        var mine = new RecordChange(RecordKind.Command, Guid.CreateVersion7(), device);
        var anyOfMine = RecordChange.Any(RecordKind.Command, device);
        var someCommands = RecordChange.Any(RecordKind.Command);
        var aCase = new RecordChange(RecordKind.Case, Guid.CreateVersion7(), null);

        _feed.Publish([
            Alert(),
            new RecordChange(RecordKind.Command, Guid.CreateVersion7(), Guid.CreateVersion7()),
            new RecordChange(RecordKind.Command, Guid.CreateVersion7(), null),
            mine, anyOfMine, someCommands, aCase,
        ]);

        Assert.Equal([mine, anyOfMine, someCommands, aCase], await NextReloadAsync());
    }

    [Fact]
    public async Task A_disposed_watch_reloads_no_more_and_a_failed_reload_does_not_end_it()
    {
        var calls = 0;
        var watch = _watches.Watch(LiveFilter.Of(RecordKind.Alert), changes =>
        {
            _reloads.Writer.TryWrite(changes);
            return ++calls == 1 ? throw new InvalidOperationException("The circuit is gone.") : Task.CompletedTask;
        });

        _feed.Publish([Alert()]);
        await NextReloadAsync();
        _time.Advance(LiveWatches.DefaultInterval);
        _feed.Publish([Alert()]);
        await NextReloadAsync();
        _time.Advance(LiveWatches.DefaultInterval);
        watch.Dispose();
        _feed.Publish([Alert()]);

        await Task.Delay(100);
        Assert.False(_reloads.Reader.TryRead(out _));
        Assert.Equal(0, _feed.SubscriberCount);
    }

    private static RecordChange Alert() => new(RecordKind.Alert, Guid.CreateVersion7(), Guid.CreateVersion7());

    private LiveWatch Watch(LiveFilter filter) => _watches.Watch(filter, changes =>
    {
        _reloads.Writer.TryWrite(changes);
        return Task.CompletedTask;
    });

    private async Task<IReadOnlyList<RecordChange>> NextReloadAsync() => await _reloads.Reader.ReadAsync().AsTask().WaitAsync(Patience);
}
