using Fieldlink.Core.Connections;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Connectors.Plugins;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outbound;
using Fieldlink.Server.Api.Providers;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the providers pages read: the providers with their instance counts, and a provider with its instances as the
/// API reads them (<see cref="ProviderInstanceResource"/>: secrets redacted, the live connection of each process). The
/// connectors offered are those this server has (<see cref="ConnectorRegistry"/>, as <c>GET /api/v1/connectors</c>
/// lists them). Each read opens its own store scope, as a circuit outlives a DbContext. Thread-safe.
/// </summary>
public sealed class ProviderAdmin(IServiceScopeFactory scopes, ConnectorRegistry connectors, OutboundGuard guard, InstanceConnectionStates states)
{
    /// <summary>The connectors a provider may name, by key.</summary>
    public IReadOnlyList<ConnectorDescriptor> Connectors => [.. connectors.All];

    /// <summary>The plugins that failed to load, so the page says why a connector is missing.</summary>
    public IReadOnlyList<PluginFailure> PluginFailures => connectors.Failures;

    public async Task<IReadOnlyList<ProviderRow>> ProvidersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var providers = await db.Providers.AsNoTracking()
            .Select(p => new { p.Id, p.Name, p.Connector, p.Description, p.Version, Instances = db.ProviderInstances.Count(i => i.ProviderId == p.Id) })
            .ToListAsync(ct);
        return [.. providers
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => connectors.Describe(p.Connector) is { } connector
                ? new ProviderRow(p.Id, p.Name, p.Connector, connector.DisplayName, true, p.Description, p.Instances, p.Version)
                : new ProviderRow(p.Id, p.Name, p.Connector, p.Connector, false, p.Description, p.Instances, p.Version))];
    }

    /// <summary>The provider and its instances with their live connections; null when there is no such provider.</summary>
    public async Task<ProviderDetail?> ProviderAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
        {
            return null;
        }

        var instances = await db.ProviderInstances.AsNoTracking().Where(i => i.ProviderId == id).ToListAsync(ct);
        var nodes = await states.ReadNodesAsync(db, null, ct);
        var resource = new ProviderInstanceResource(connectors, guard, nodes);
        var connector = connectors.Describe(provider.Connector);
        var secrets = (connector?.Settings ?? []).Where(s => s.Secret).Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ProviderDetail(
            new ProviderResource(connectors).ToRead(provider),
            provider.Version,
            connector,
            [.. instances
                .OrderBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(i => new ProviderInstanceView(resource.ToRead(i), i.Version, SecretsSet(i.Settings, secrets)))]);
    }

    /// <summary>The names of the secrets the stored settings hold a value for; the values stay here.</summary>
    internal static IReadOnlySet<string> SecretsSet(string storedSettings, IReadOnlySet<string> secretNames) =>
        InstanceSettings.Parse(storedSettings)
            .Where(p => secretNames.Contains(p.Key) && p.Value is not null)
            .Select(p => secretNames.First(n => string.Equals(n, p.Key, StringComparison.OrdinalIgnoreCase)))
            .ToHashSet(StringComparer.Ordinal);
}
