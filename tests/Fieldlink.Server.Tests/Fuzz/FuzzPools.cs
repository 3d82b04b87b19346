using System.Globalization;
using System.Text.RegularExpressions;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// The ids a generated request may name, read from the store: generators write a token (<c>«devices:2»</c>) and the
/// token becomes the third device's id when the request is sent, so generation stays independent of the store and
/// shrinks well. The httpInstances pool starts with the http connector's instance. Pools named <c>del:…</c> hold only records the fuzz made, so it never deletes what the store was
/// seeded with; the apiKeys pool never holds the key the fuzz itself uses.
/// </summary>
public sealed partial class FuzzPools(IServiceProvider services, IReadOnlySet<Guid> seeded, Guid httpInstance)
{
    private const int PoolSize = 12;

    private Dictionary<string, List<string>> _pools = [];

    public static string Token(string pool, int n) => $"«{pool}:{n.ToString(CultureInfo.InvariantCulture)}»";

    /// <summary>Puts the pooled id in place of every token; an empty pool gives an id of nothing.</summary>
    public string Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenPattern().Replace(text, match =>
        {
            var pool = match.Groups["pool"].Value;
            var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            return _pools.TryGetValue(pool, out var ids) && ids.Count > 0 ? ids[n % ids.Count] : "0f0f0f0f-0000-4000-8000-000000000000";
        });
    }

    /// <summary>Reads the newest records of each collection (the seeded ones first, so low tokens name them).</summary>
    public async Task RefreshAsync()
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var pools = new Dictionary<string, List<string>>
        {
            ["providers"] = await IdsAsync(db.Providers),
            ["providerInstances"] = await IdsAsync(db.ProviderInstances),
            ["devices"] = await IdsAsync(db.Devices),
            ["deviceCategories"] = await IdsAsync(db.DeviceCategories),
            ["accounts"] = await IdsAsync(db.Accounts),
            ["customerAssets"] = await IdsAsync(db.CustomerAssets),
            ["apiKeys"] = await IdsAsync(db.ApiKeys.Where(k => !seeded.Contains(k.Id))),
            ["alerts"] = await IdsAsync(db.Alerts),
            ["cases"] = await IdsAsync(db.Cases),
            ["workOrders"] = await IdsAsync(db.WorkOrders),
            ["webhooks"] = await IdsAsync(db.WebhookSubscriptions),
            ["commands"] = await IdsAsync(db.Commands),
        };

        var deliveries = await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(PoolSize).Select(d => new { d.Id, d.SubscriptionId }).ToListAsync();
        pools["deliveries"] = [.. deliveries.Select(d => d.Id.ToString())];
        pools["deliveryWebhooks"] = [.. deliveries.Select(d => d.SubscriptionId.ToString())];

        // Signed ingestion goes to the http connector's instance first, then to instances of other connectors.
        pools["httpInstances"] = [httpInstance.ToString(), .. pools["providerInstances"].Where(id => id != httpInstance.ToString())];
        // Event Grid deliveries go to Azure IoT Hub instances first, then to instances of other connectors.
        var hubs = await db.ProviderInstances.AsNoTracking()
            .Where(i => db.Providers.Any(p => p.Id == i.ProviderId && p.Connector == "azure-iot-hub")).Select(i => i.Id.ToString()).ToListAsync();
        pools["iotHubInstances"] = [.. hubs, .. pools["providerInstances"].Where(id => !hubs.Contains(id))];
        foreach (var name in pools.Keys.ToList())
        {
            pools["del:" + name] = [.. pools[name].Where(id => !seeded.Contains(Guid.Parse(id)))];
        }

        _pools = pools;
    }

    /// <summary>Commands a connector is still working on, which write to the store by themselves.</summary>
    public async Task<int> CommandsInFlightAsync()
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var open = await db.Commands.AsNoTracking()
            .Where(c => c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent || c.Status == CommandStatus.Delivered)
            .Select(c => c.UpdatedAt).ToListAsync();

        // A command nobody will move (its instance is disabled, say) stops counting after a few seconds.
        var recent = DateTimeOffset.UtcNow.AddSeconds(-3);
        return open.Count(updated => updated > recent);
    }

    private static async Task<List<string>> IdsAsync<T>(IQueryable<T> set)
        where T : Entity
    {
        // The seeded records first, then the newest the fuzz made.
        var ids = await set.AsNoTracking().Select(e => new { e.Id, e.CreatedAt }).ToListAsync();
        var ordered = ids.OrderBy(e => e.CreatedAt).Select(e => e.Id.ToString()).ToList();
        return ordered.Count <= PoolSize ? ordered : [.. ordered.Take(PoolSize / 2), .. ordered.TakeLast(PoolSize / 2)];
    }

    [GeneratedRegex("«(?<pool>[a-zA-Z:]+):(?<n>[0-9]+)»")]
    private static partial Regex TokenPattern();
}
