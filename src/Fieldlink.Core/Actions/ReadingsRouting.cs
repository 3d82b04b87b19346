using Fieldlink.Core.Connectors;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Actions;

/// <summary>
/// Readings and aggregates of a device: from its provider when the connector keeps a time series, otherwise from
/// Fieldlink's own readings store, as the reference falls back.
/// </summary>
public sealed class ReadingsRouting(ActionRouter router, ReadingsStore store)
{
    public async Task<Outcome<ReadingsResult>> QueryAsync(Guid deviceId, DateTimeOffset from, DateTimeOffset to, TimeSpan interval, IReadOnlyList<string> measures, CancellationToken cancellationToken)
    {
        var target = await router.ResolveAsync(deviceId, cancellationToken);
        if (target.Value is not { } found)
        {
            return new Outcome<ReadingsResult>(target.Refusal!);
        }

        var query = new ReadingsQuery(found.Device.ToRef(), from, to, interval, measures);
        return router.Supports<IQueryReadings>(found)
            ? await router.RunAsync<IQueryReadings, ReadingsResult>(ConnectorAction.QueryReadings, found, (c, ct) => c.QueryReadingsAsync(query, ct), cancellationToken)
            : new(await store.QueryAsync(query, cancellationToken));
    }

    public async Task<Outcome<IReadOnlyList<AggregateValue>>> AggregateAsync(Guid deviceId, IReadOnlyList<AggregateRequest> requests, CancellationToken cancellationToken)
    {
        var target = await router.ResolveAsync(deviceId, cancellationToken);
        if (target.Value is not { } found)
        {
            return new Outcome<IReadOnlyList<AggregateValue>>(target.Refusal!);
        }

        var device = found.Device.ToRef();
        return router.Supports<IAggregateReadings>(found)
            ? await router.RunAsync<IAggregateReadings, IReadOnlyList<AggregateValue>>(ConnectorAction.AggregateReadings, found, (c, ct) => c.AggregateReadingsAsync(device, requests, ct), cancellationToken)
            : new(await store.AggregateAsync(device, requests, cancellationToken));
    }
}
