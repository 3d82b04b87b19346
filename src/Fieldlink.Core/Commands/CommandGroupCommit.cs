using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Writes the commands of concurrent <see cref="CommandIntake"/> calls together: a call's commands join the next write
/// when <see cref="MaxWrites"/> are already under way, and each write stores everything that joined it in one statement
/// batch, announced once. Nothing is answered before it is stored: a call returns when the write that took its commands
/// has committed, or throws that write's error. A write the store refuses is tried again call by call, so only the call
/// whose commands it refuses (an alert id that does not exist, say) fails.
/// </summary>
/// <remarks>
/// Why: at a few hundred commands a second each call wrote its own row and then, in a statement of its own, announced
/// it; every write waits on the network, the disk's flush and, for the announcement, PostgreSQL's one lock for
/// notifying transactions. When the store slows for a moment (another process's flush, a busy CPU), calls pile up
/// behind each other and a backlog drains at one row per round trip. Written together, a backlog drains in a write or
/// two, and the announcements of many commands share one NOTIFY. Singleton; thread-safe.
/// </remarks>
public sealed class CommandGroupCommit(IServiceScopeFactory scopes)
{
    /// <summary>How many writes may be under way at once: two, so a call rarely waits for a write it missed.</summary>
    public const int MaxWrites = 2;

    /// <summary>
    /// The most commands a write takes from waiting calls (a call with more is written alone): small enough for one
    /// statement batch, which PostgreSQL runs as one implicit transaction.
    /// </summary>
    public const int MaxPerWrite = 100;

    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _waiting = new();
    private int _writes;

    /// <summary>Stores <paramref name="commands"/>, with the commands of calls made meanwhile, and returns once they are committed.</summary>
    public Task WriteAsync(IReadOnlyList<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var waiting = new Waiting(commands, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(waiting);
            start = _writes < MaxWrites;
            if (start)
            {
                _writes++;
            }
        }

        if (start)
        {
            _ = WriteWaitingAsync();
        }

        return waiting.Stored.Task;
    }

    /// <summary>Writes what waits, write after write, until nothing does.</summary>
    private async Task WriteWaitingAsync()
    {
        while (true)
        {
            var batch = new List<Waiting>();
            lock (_gate)
            {
                var count = 0;
                while (_waiting.TryPeek(out var next) && (batch.Count == 0 || count + next.Commands.Count <= MaxPerWrite))
                {
                    batch.Add(_waiting.Dequeue());
                    count += next.Commands.Count;
                }

                if (batch.Count == 0)
                {
                    _writes--;
                    return;
                }
            }

            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<Waiting> batch)
    {
        try
        {
            await StoreAsync([.. batch.SelectMany(w => w.Commands)]);
            foreach (var waiting in batch)
            {
                waiting.Stored.TrySetResult();
            }

            return;
        }
        catch (Exception ex) when (batch.Count == 1)
        {
            batch[0].Stored.TrySetException(ex);
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One call's commands may be what the store refuses: each call on its own, below.
        }

        foreach (var waiting in batch)
        {
            try
            {
                await StoreAsync(waiting.Commands);
                waiting.Stored.TrySetResult();
            }
            catch (Exception ex)
            {
                waiting.Stored.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// Inserts the commands in a scope of the write's own (not any caller's: a caller that gives up does not cancel the
    /// others' write; the store's command timeout bounds it), and announces them after the commit.
    /// </summary>
    private async Task StoreAsync(IReadOnlyList<Command> commands)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (db.ChangeNotices.Sends && commands.Count <= MaxPerWrite)
        {
            // PostgreSQL runs one statement batch as one implicit transaction, all or nothing, in one round trip; an
            // explicit one would cost a round trip more and send its NOTIFY before its commit, where PostgreSQL
            // serializes the commits (their flush to disk included) of all notifying transactions. Without it the
            // announcement follows the commit in a statement of its own.
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        }

        // One connection for the write and its announcement: taken from the pool again, it would be reset in between.
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            db.Commands.AddRange(commands);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Waiting(IReadOnlyList<Command> Commands, TaskCompletionSource Stored);
}
