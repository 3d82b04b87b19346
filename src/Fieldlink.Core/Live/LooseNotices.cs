using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Live;

/// <summary>
/// Tells the other processes on the database of writes that committed on their own (a SaveChanges outside a
/// transaction, a set-based write announced after it), from a queue, while the server runs: the write's caller goes on
/// as soon as its commit is done, and the notices of writes made meanwhile share one statement. Before the server runs
/// and after it stops (a command-line tool, say), <see cref="TryQueue"/> refuses and the writer sends its own notice.
/// Stopping sends what is queued first. Singleton; thread-safe.
/// </summary>
/// <remarks>
/// Why: on PostgreSQL a notice is a transaction of its own, and the commits of notifying transactions take one lock in
/// turn. A command took three of them on its way (queued, Sent, Succeeded), each a round trip its caller waited for
/// after its own commit, with the commits of every other notifying write queued behind. The notices are hints (a page,
/// a cache, reads again what a change names), so one that follows its write by a moment, or is folded with others into
/// "some of this kind changed" (<see cref="ChangeSet"/>), tells the same. This process's own pages hear of a write at
/// its commit, as before, without waiting for any notice.
/// </remarks>
public sealed class LooseNotices(IServiceScopeFactory scopes, TimeProvider time, ILogger<LooseNotices> logger) : IHostedService, IDisposable
{
    /// <summary>How long a notice the database refused waits before it is sent again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private ChangeSet _queued = new();
    private bool _accepting;
    private Task _sending = Task.CompletedTask;
    private bool _sendingNow;
    private int _disposed;

    /// <summary>
    /// Queues <paramref name="changes"/> for the other processes and returns true while the server runs; false before it
    /// starts and once it stops, when the caller sends the notice itself.
    /// </summary>
    public bool TryQueue(IReadOnlyList<RecordChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            if (!_accepting)
            {
                return false;
            }

            _queued.AddRange(changes);
            if (!_sendingNow)
            {
                _sendingNow = true;
                _sending = SendQueuedAsync();
            }

            return true;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _accepting = true;
        }

        return Task.CompletedTask;
    }

    /// <summary>Refuses new notices (their writers send them), then sends what is queued, until <paramref name="cancellationToken"/> gives up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task sending;
        lock (_gate)
        {
            _accepting = false;
            sending = _sending;
        }

        // A notice the database keeps refusing is given up when the host's shutdown time is up.
        await using var giveUp = cancellationToken.Register(_stopping.Cancel);
        await sending;
    }

    /// <summary>
    /// Gives up what is still refused (after the host has stopped, with its time for it up). The container disposes it
    /// once as itself and once as a hosted service.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    /// <summary>Sends what is queued, statement after statement, until nothing is.</summary>
    private async Task SendQueuedAsync()
    {
        await Task.Yield();
        while (true)
        {
            IReadOnlyList<RecordChange> changes;
            lock (_gate)
            {
                if (_queued.IsEmpty)
                {
                    _sendingNow = false;
                    return;
                }

                changes = _queued.ToList();
                _queued = new ChangeSet();
            }

            await SendAsync(changes);
        }
    }

    /// <summary>Sends <paramref name="changes"/>, again after <see cref="RetryDelay"/> while the database refuses, until sent or given up.</summary>
    private async Task SendAsync(IReadOnlyList<RecordChange> changes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                await using var command = db.Live is { } live ? db.ChangeNotices.Command(db.Database.GetDbConnection(), live.Payloads(changes)) : null;
                if (command is null)
                {
                    return;
                }

                await db.Database.OpenConnectionAsync(_stopping.Token);
                await command.ExecuteNonQueryAsync(_stopping.Token);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    LiveLog.NoticesGivenUp(logger, ex, changes.Count);
                    return;
                }

                LiveLog.NoticeRefused(logger, ex, changes.Count, attempt, (long)RetryDelay.TotalMilliseconds);
                try
                {
                    await Task.Delay(RetryDelay, time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    LiveLog.NoticesGivenUp(logger, ex, changes.Count);
                    return;
                }
            }
        }
    }
}
