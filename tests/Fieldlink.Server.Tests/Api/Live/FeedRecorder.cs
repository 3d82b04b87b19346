using Fieldlink.Core.Live;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Live;

/// <summary>Records what a server's <see cref="ChangeFeed"/> publishes, for a test to wait on and count.</summary>
public sealed class FeedRecorder : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<RecordChange>> _batches = [];
    private readonly IDisposable _subscription;

    public FeedRecorder(FieldlinkServer server) =>
        _subscription = server.Services.GetRequiredService<ChangeFeed>().Subscribe(batch =>
        {
            lock (_lock)
            {
                _batches.Add(batch);
            }
        });

    /// <summary>The batches published so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<RecordChange>> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Every change published so far, batch after batch.</summary>
    public IReadOnlyList<RecordChange> Changes => [.. Batches.SelectMany(b => b)];

    /// <summary>Waits until a published change matches <paramref name="wanted"/>; fails after <paramref name="within"/> (default 2 s, the promise).</summary>
    public async Task<RecordChange> WaitForAsync(Func<RecordChange, bool> wanted, string what, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(2));
        while (true)
        {
            if (Changes.FirstOrDefault(wanted) is var found && wanted(found))
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The feed did not publish {what} in time; it published {Changes.Count} changes.");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
