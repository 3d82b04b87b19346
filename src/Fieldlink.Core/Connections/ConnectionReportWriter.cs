using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Connections;

/// <summary>
/// Stores this process's <see cref="ProcessConnections"/> as its rows of <see cref="ConnectionReport"/>: a change at
/// once (woken by a signal), and every <see cref="ConnectorOptions.ReconcileInterval"/> a heartbeat that moves the
/// rows' <c>ReportedAt</c> on in one statement, so other processes see this one is alive. Rows no process refreshed for
/// ten staleness windows are deleted; this process's own at its shutdown. A failed write is tried again next round.
/// </summary>
public sealed class ConnectionReportWriter(
    IServiceScopeFactory scopes,
    ProcessConnections connections,
    IOptions<ConnectorOptions> options,
    TimeProvider time,
    ILogger<ConnectionReportWriter> log,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private DateTimeOffset _lastHeartbeat = DateTimeOffset.MinValue;
    private volatile bool _wrote;

    private string Node => options.Value.NodeName;

    // The first round waits for the server to listen (HostStart), as the connectors it reports on do.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStart.WhenStartedAsync(lifetime, stoppingToken);
        await connections.Changed.RunRoundsAsync(RoundAsync, int.MaxValue, options.Value.ReconcileInterval, ex => ConnectionLog.WriteFailed(log, ex), stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_wrote)
        {
            // Nothing of this process's to delete (it never started, or failed to: a port in use).
            return;
        }

        try
        {
            // Gone at once rather than after the staleness window: the other processes' state is the instances' state now.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            await db.ConnectionReports.Where(r => r.Node == Node).ExecuteDeleteAsync(timeout.Token);
        }
        catch (ObjectDisposedException)
        {
            // Stopped after the services were disposed: the rows go stale instead, and stop counting.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ConnectionLog.WriteFailed(log, ex);
        }
    }

    /// <summary>One round: stores what changed, deletes what closed, and beats when a heartbeat is due.</summary>
    private async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        var (changed, closed) = connections.Take();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var now = time.GetUtcNow();
            if (closed.Count > 0)
            {
                await db.ConnectionReports.Where(r => r.Node == Node && closed.Contains(r.ProviderInstanceId)).ExecuteDeleteAsync(cancellationToken);
            }

            if (changed.Count > 0)
            {
                _wrote = true;
                await WriteAsync(db, changed, now, cancellationToken);
            }

            if (changed.Count > 0 || closed.Count > 0)
            {
                await db.ChangedAsync([.. changed.Select(c => c.Id).Concat(closed).Select(id => new RecordChange(RecordKind.InstanceConnection, id, null))], cancellationToken);
            }

            if (now - _lastHeartbeat >= options.Value.ReconcileInterval)
            {
                await BeatAsync(db, now, cancellationToken);
                _lastHeartbeat = now;
            }
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || Classify(ex) == StoreError.ForeignKeyViolation)
        {
            // An instance deleted (its reports with it) between the look and the write: the next round leaves it out.
            connections.Unwritten(changed.Select(c => c.Id), closed);
            connections.Changed.Notify();
        }
        catch
        {
            connections.Unwritten(changed.Select(c => c.Id), closed);
            throw;
        }

        return 0;
    }

    private StoreError Classify(Exception exception)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Classify(exception);
    }

    private async Task WriteAsync(FieldlinkDbContext db, IReadOnlyList<(Guid Id, Sdk.InstanceConnectionState State, DateTimeOffset Since, string? LastError)> changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = changed.Select(c => c.Id).ToList();
        var rows = await db.ConnectionReports.Where(r => r.Node == Node && ids.Contains(r.ProviderInstanceId)).ToDictionaryAsync(r => r.ProviderInstanceId, cancellationToken);

        // An instance deleted meanwhile has no row to write (its report is closed as its connector is).
        var existing = (await db.ProviderInstances.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (id, state, since, lastError) in changed.Where(c => existing.Contains(c.Id)))
        {
            if (!rows.TryGetValue(id, out var row))
            {
                row = new ConnectionReport { ProviderInstanceId = id, Node = Node };
                db.ConnectionReports.Add(row);
            }

            row.State = state;
            row.Since = since;
            row.LastError = lastError;
            row.ReportedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task BeatAsync(FieldlinkDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = connections.Ids;
        if (ids.Count > 0)
        {
            var beaten = await db.ConnectionReports.Where(r => r.Node == Node && ids.Contains(r.ProviderInstanceId))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportedAt, now), cancellationToken);
            if (beaten < ids.Count)
            {
                connections.RewriteAll();
            }
        }

        var gone = now - (options.Value.ReportsStaleAfter * 10);
        await db.ConnectionReports.Where(r => r.ReportedAt < gone).ExecuteDeleteAsync(cancellationToken);
    }
}
