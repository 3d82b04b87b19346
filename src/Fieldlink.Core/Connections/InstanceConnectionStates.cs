using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Connections;

/// <summary>
/// Reads every provider instance's connection, combined over the live processes (those whose report is younger than
/// <see cref="ConnectorOptions.ReportsStaleAfter"/>): for the API, the health check and the metrics. Each read is one
/// query over the small <see cref="ConnectionReport"/> table, never one per instance. Thread-safe.
/// </summary>
public sealed class InstanceConnectionStates(IServiceScopeFactory scopes, IOptions<ConnectorOptions> options, TimeProvider time)
{
    /// <summary>Reports written before this are of processes taken as gone.</summary>
    public DateTimeOffset LiveSince => time.GetUtcNow() - options.Value.ReportsStaleAfter;

    /// <summary>Every provider instance's combined connection, by name.</summary>
    public async Task<IReadOnlyList<ProviderInstanceConnection>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var instances = await db.ProviderInstances.AsNoTracking().OrderBy(i => i.Name).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var nodes = await ReadNodesAsync(db, null, cancellationToken);
        return [.. instances.Select(i => new ProviderInstanceConnection(i.Id, i.Name, i.Enabled, Combine(i, nodes.GetValueOrDefault(i.Id, []))))];
    }

    /// <summary>The live processes' reports, by provider instance: of <paramref name="providerInstanceId"/> only, or of all when null.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<NodeConnection>>> ReadNodesAsync(FieldlinkDbContext db, Guid? providerInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = LiveSince;
        var rows = await db.ConnectionReports.AsNoTracking()
            .Where(r => r.ReportedAt >= since && (providerInstanceId == null || r.ProviderInstanceId == providerInstanceId))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ProviderInstanceId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<NodeConnection>)[.. g.OrderBy(r => r.Node, StringComparer.Ordinal).Select(r => new NodeConnection(r.Node, r.State, r.Since, r.LastError, r.ReportedAt))]);
    }

    /// <summary>
    /// The combined connection of <paramref name="instance"/> from its live processes' reports: Disabled (since its last
    /// update) when it is disabled; else Disconnected when any process is (since the first did, with its error);
    /// else Connecting when any process is or none reported yet; else Connected (since the last process connected).
    /// <see cref="WithConnectionState"/> computes the same state in SQL.
    /// </summary>
    public static InstanceConnection Combine(ProviderInstance instance, IReadOnlyList<NodeConnection> nodes)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(nodes);
        if (!instance.Enabled)
        {
            return new InstanceConnection(InstanceConnectionState.Disabled, instance.UpdatedAt, null, nodes);
        }

        if (nodes.Count == 0)
        {
            return new InstanceConnection(InstanceConnectionState.Connecting, null, null, nodes);
        }

        foreach (var state in (ReadOnlySpan<InstanceConnectionState>)[InstanceConnectionState.Disconnected, InstanceConnectionState.Connecting])
        {
            if (nodes.Where(n => n.State == state).MinBy(n => n.Since) is { } first)
            {
                return new InstanceConnection(state, first.Since, first.LastError, nodes);
            }
        }

        return new InstanceConnection(InstanceConnectionState.Connected, nodes.Max(n => n.Since), null, nodes);
    }

    /// <summary>
    /// <paramref name="instances"/> with <see cref="ProviderInstance.ConnectionState"/> computed in the query, as
    /// <see cref="Combine"/> computes it, so a list can be filtered and ordered by it in the database. For reading only.
    /// </summary>
    public IQueryable<ProviderInstance> WithConnectionState(IQueryable<ProviderInstance> instances, FieldlinkDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = LiveSince;
        var live = db.ConnectionReports.Where(r => r.ReportedAt >= since);

        // Every stored field is copied: the list shows the record as read.
        return instances.Select(i => new ProviderInstance
        {
            Id = i.Id,
            Version = i.Version,
            CreatedAt = i.CreatedAt,
            UpdatedAt = i.UpdatedAt,
            ProviderId = i.ProviderId,
            Name = i.Name,
            InstanceId = i.InstanceId,
            Url = i.Url,
            Enabled = i.Enabled,
            Settings = i.Settings,
            ConnectionState = !i.Enabled ? InstanceConnectionState.Disabled
                : live.Any(r => r.ProviderInstanceId == i.Id && r.State == InstanceConnectionState.Disconnected) ? InstanceConnectionState.Disconnected
                : live.Any(r => r.ProviderInstanceId == i.Id && r.State == InstanceConnectionState.Connecting) ? InstanceConnectionState.Connecting
                : live.Any(r => r.ProviderInstanceId == i.Id) ? InstanceConnectionState.Connected
                : InstanceConnectionState.Connecting,
        });
    }
}
