using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Devices;

/// <summary>
/// The one path device state takes into the store, from the HTTP API and from connectors' sinks alike. A report
/// changes only what it carries: a new connection state (and when it changed), reported properties merged into
/// the stored ones at the top level (a property reported as null is removed, as a device twin does), and the last
/// activity, which only moves forward. One read and one batched save per call, whatever the number of reports.
/// </summary>
public sealed class DeviceStateIngestion(FieldlinkDbContext db, TimeProvider time, ILogger<DeviceStateIngestion> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>Applies the valid reports of devices known in the instance, in order; one outcome per report.</summary>
    /// <param name="providerInstanceId">The provider instance whose <c>deviceId</c>s the reports use.</param>
    /// <param name="reports">The reports; several for one device apply one after the other.</param>
    /// <param name="cancellationToken">Cancels the save; nothing of the batch is stored then.</param>
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAsync(Guid providerInstanceId, IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var now = time.GetUtcNow();
        var invalid = new IngestionOutcome?[reports.Count];
        var deviceIds = new string?[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            var errors = new ItemErrors();
            deviceIds[i] = errors.DeviceId(reports[i]?.DeviceId);
            errors.Time("lastActivityAt", reports[i]?.LastActivityAt, now);
            errors.Json("reportedProperties", reports[i]?.ReportedProperties);
            if (!errors.IsEmpty)
            {
                invalid[i] = errors.ToOutcome();
            }
        }

        var wanted = deviceIds.Where((id, i) => id is not null && invalid[i] is null).Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var outcomes = await ApplyAsync(providerInstanceId, reports, deviceIds, invalid, wanted, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    var (stored, unknown, invalidCount) = IngestionOutcome.Count(outcomes);
                    ReadingsLog.StateIngested(logger, providerInstanceId, stored, unknown, invalidCount);
                }

                return outcomes;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone saved one of these devices between our read and our write: read them again and re-apply,
                // so their change and ours both stand.
                db.ChangeTracker.Clear();
                ReadingsLog.StateRetried(logger, providerInstanceId, attempt + 1);
            }
        }
    }

    private async Task<List<IngestionOutcome>> ApplyAsync(
        Guid providerInstanceId,
        IReadOnlyList<DeviceStateReport> reports,
        string?[] deviceIds,
        IngestionOutcome?[] invalid,
        List<string?> wanted,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var devices = wanted.Count == 0
            ? []
            : await db.Devices
                .Where(d => d.ProviderInstanceId == providerInstanceId && wanted.Contains(d.DeviceId))
                .ToDictionaryAsync(d => d.DeviceId, StringComparer.Ordinal, cancellationToken);
        var properties = new Dictionary<Device, JsonObject>();
        var outcomes = new List<IngestionOutcome>(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            if (invalid[i] is { } outcome)
            {
                outcomes.Add(outcome);
                continue;
            }

            if (!devices.TryGetValue(deviceIds[i]!, out var device))
            {
                outcomes.Add(IngestionOutcome.UnknownDevice);
                continue;
            }

            Apply(device, reports[i], now, properties);
            outcomes.Add(IngestionOutcome.Stored);
        }

        foreach (var (device, merged) in properties)
        {
            device.ReportedProperties = merged.ToJsonString();
        }

        return outcomes;
    }

    private static void Apply(Device device, DeviceStateReport report, DateTimeOffset now, Dictionary<Device, JsonObject> properties)
    {
        if (report.ConnectionState is { } state && state != device.ConnectionState)
        {
            device.ConnectionState = state;
            device.ConnectionStateChangedAt = now;
        }

        if (report.ReportedProperties is { Count: > 0 } reported)
        {
            if (!properties.TryGetValue(device, out var merged))
            {
                merged = JsonNode.Parse(device.ReportedProperties) as JsonObject ?? [];
                properties[device] = merged;
            }

            foreach (var (name, value) in reported)
            {
                if (value is null)
                {
                    merged.Remove(name);
                }
                else
                {
                    merged[name] = value.DeepClone();
                }
            }
        }

        // Last activity only moves forward, and a device cannot have been heard from later than now.
        var at = report.LastActivityAt is { } given && given < now ? given : now;
        if (device.LastActivityAt is not { } last || last < at)
        {
            device.LastActivityAt = at;
        }
    }
}
