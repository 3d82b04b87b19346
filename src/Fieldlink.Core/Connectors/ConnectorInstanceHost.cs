using Fieldlink.Core.Connections;
using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// Keeps this process's connector instances matched to the stored provider instances: opens the enabled ones (so
/// connectors that listen, such as MQTT, listen from the start), reopens changed ones, closes disabled and deleted
/// ones (and those whose provider's connector changed), and closes them all at shutdown. It looks at once when a
/// provider instance or a provider is written (the <see cref="ConnectorSignal"/>, notified from the live change feed:
/// by this process, or by another on PostgreSQL), and every <see cref="ConnectorOptions.ReconcileInterval"/> for what no
/// notice told of (another process on SQLite).
/// </summary>
public sealed class ConnectorInstanceHost(
    IServiceScopeFactory scopes,
    ConnectorInstances instances,
    ProcessConnections connections,
    ConnectorSignal signal,
    ChangeFeed changes,
    IOptions<ConnectorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ConnectorInstanceHost> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass waits until the host has started (the server listens): opening every instance (broker sessions,
        // their subscriptions, a simulator's first readings) is not what a start should wait for, nor share its cores with.
        await HostStart.WhenStartedAsync(lifetime, stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        using var watch = changes.Subscribe(batch =>
        {
            // A provider's change matters when its connector changed: its instances reopen with the new one.
            if (batch.Any(c => c.Kind is RecordKind.ProviderInstance or RecordKind.Provider))
            {
                signal.Notify();
            }
        });
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                ConnectorLog.OpenFailed(log, Guid.Empty, ex);
            }
        }
        while (await WaitAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await instances.DisposeAsync();
    }

    /// <summary>One pass: open what should be open, close what should not.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var enabled = await db.ProviderInstances.AsNoTracking().Where(i => i.Enabled)
            .Join(db.Providers.AsNoTracking(), i => i.ProviderId, p => p.Id, (i, p) => new { Instance = i, Provider = p })
            .ToListAsync(cancellationToken);
        foreach (var id in instances.OpenIds.Except(enabled.Select(e => e.Instance.Id)).ToList())
        {
            await instances.CloseAsync(id);
        }

        // An instance that failed to open and is now disabled or deleted has nothing to close but its report.
        connections.Retain(enabled.Select(e => e.Instance.Id).ToHashSet());

        foreach (var entry in enabled)
        {
            try
            {
                await instances.GetAsync(entry.Instance, entry.Provider, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                // One instance that cannot open (bad settings, a plugin gone) must not keep the others closed.
                ConnectorLog.OpenFailed(log, entry.Instance.Id, ex);
            }
        }
    }


    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(options.Value.ReconcileInterval, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
