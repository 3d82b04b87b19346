using System.Data.Common;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Commands;

/// <summary>
/// The leases the <see cref="CommandDispatcher"/> holds on Queued commands while it sends them: kept from running out
/// during a long hand-over, and given up when a command will not be sent here after all. Neither changes a command's
/// status (that is <see cref="CommandTransitions"/>'), nor its version: a lease is the dispatcher's bookkeeping.
/// </summary>
internal sealed class CommandLeases(IServiceScopeFactory scopes, IOptions<CommandOptions> options, TimeProvider time, ILogger log)
{
    /// <summary>
    /// Gives up the leases <paramref name="owners"/> hold on <paramref name="commands"/> still Queued, so the next
    /// poll of any process claims them. A failure is logged: their leases run out instead.
    /// </summary>
    public async Task ReleaseAsync(List<Command> commands, string[] owners)
    {
        if (commands.Count == 0)
        {
            return;
        }

        try
        {
            var ids = commands.Select(c => c.Id).ToList();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await db.Commands.Where(c => ids.Contains(c.Id) && owners.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), timeout.Token);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException or InvalidOperationException)
        {
            CommandLog.RoundFailed(log, ex);
        }
    }

    /// <summary>
    /// Keeps the leases of the commands being handed over from running out while they are (a device's commands go one
    /// after another, each may take up to the action timeout), so no process claims and sends a command this one is
    /// still sending. Renews a third of a lease before it would end; a renewal that fails is tried again at the next.
    /// Runs until <paramref name="handingOver"/> is canceled.
    /// </summary>
    public async Task RenewAsync(List<Guid> ids, string[] owners, CancellationToken handingOver)
    {
        var every = options.Value.LeaseDuration / 3;
        while (!handingOver.IsCancellationRequested)
        {
            try
            {
                // Every round's renewal ends this way, most before their first renewal: ending without an exception
                // saves throwing and catching one per round at hundreds of rounds a second.
                await Task.Delay(every, time, handingOver).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (handingOver.IsCancellationRequested)
                {
                    return;
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                var until = time.GetUtcNow() + options.Value.LeaseDuration;
                await db.Commands.Where(c => ids.Contains(c.Id) && owners.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, until), handingOver);
            }
            catch (OperationCanceledException) when (handingOver.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever failed, the hand-over goes on and its record must follow: a renewal that throws out of
                // here would leave the round's hand-overs unrecorded, and the commands sent again after the lease.
                CommandLog.LeaseRenewalFailed(log, ids.Count, ex);
            }
        }
    }
}
