using Fieldlink.Core.Actions;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads the device page's chart: the readings of the chosen measures folded into the span's buckets IN THE DATABASE
/// (or by the provider, when its connector keeps the time series) through <see cref="ReadingsRouting"/>, as
/// <c>GET /api/v1/devices/{id}/readings</c> does, and the device's events from <see cref="DeviceEvents"/>, as
/// <c>/events</c> does; then <see cref="ChartTraces"/> shapes them. Only buckets travel, never raw readings.
/// </summary>
public sealed class ReadingsChart(IServiceScopeFactory scopes)
{
    public async Task<ChartLoad> LoadAsync(Guid deviceId, ChartSpan span, IReadOnlyList<ChartMeasure> measures, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(measures);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;

        IReadOnlyDictionary<string, IReadOnlyList<ReadingBucket>> buckets = new Dictionary<string, IReadOnlyList<ReadingBucket>>();
        if (measures.Count > 0)
        {
            var readings = await services.GetRequiredService<ReadingsRouting>()
                .QueryAsync(deviceId, span.From, span.To, span.Interval, [.. measures.Select(m => m.Name)], ct);
            if (readings.Refusal is { } refused)
            {
                return new ChartLoad(null, $"The readings could not be read: {refused.Message}");
            }

            buckets = readings.Value!.Measures;
        }

        var events = await services.GetRequiredService<DeviceEvents>().GetAsync(deviceId, span.From, span.To, ct);
        if (events.Refusal is { } failed)
        {
            return new ChartLoad(null, $"The device's events could not be read: {failed.Message}");
        }

        return new ChartLoad(ChartTraces.Build(span, measures, buckets, events.Value!, zone), null);
    }
}
