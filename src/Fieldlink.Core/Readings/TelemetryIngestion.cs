using System.Runtime.InteropServices;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Thresholds;
using Fieldlink.Core.Validation;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Readings;

/// <summary>
/// The one path telemetry takes into the store, from the HTTP API and from connectors' sinks alike: validate each
/// report, resolve its device in the provider instance (<see cref="TelemetryDeviceCache"/>), write every valid report's readings and the devices' last
/// activity in one batch, check the stored readings against their devices' thresholds (<see cref="ThresholdRules"/>),
/// and say per report what became of it. Returns only once the readings, and the alerts they raise, are stored.
/// </summary>
public sealed class TelemetryIngestion(FieldlinkDbContext db, TelemetryDeviceCache deviceCache, ReadingsWriter writer, ThresholdRules thresholds, TimeProvider time, ILogger<TelemetryIngestion> logger)
{
    /// <summary>Stores the valid reports of devices known in the instance; one outcome per report, in order.</summary>
    /// <param name="providerInstanceId">The provider instance whose <c>deviceId</c>s the reports use.</param>
    /// <param name="reports">The reports; a report without a timestamp is stamped with the time it arrives.</param>
    /// <param name="cancellationToken">Cancels the write; nothing of the batch is stored then.</param>
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAsync(Guid providerInstanceId, IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var now = time.GetUtcNow();
        var outcomes = new IngestionOutcome?[reports.Count];
        var deviceIds = new string?[reports.Count];
        var values = 0;
        for (var i = 0; i < reports.Count; i++)
        {
            var errors = new ItemErrors();
            deviceIds[i] = errors.DeviceId(reports[i]?.DeviceId);
            if (reports[i] is { } report)
            {
                errors.Time("timestamp", report.Timestamp, now);
                Check(report.Values, errors);
            }

            if (!errors.IsEmpty)
            {
                outcomes[i] = errors.ToOutcome();
            }
            else
            {
                values += reports[i]?.Values?.Count ?? 0;
            }
        }

        var wanted = deviceIds.Where((id, i) => id is not null && outcomes[i] is null).Select(id => id!).Distinct().ToList();
        var devices = wanted.Count == 0
            ? []
            : await deviceCache.FindAsync(db, providerInstanceId, wanted, cancellationToken);

        var readings = new List<DeviceReading>(values);
        var activity = new List<DeviceActivity>(reports.Count);
        var categorized = new Dictionary<Guid, ThresholdDevice>(devices.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            if (outcomes[i] is not null)
            {
                continue;
            }

            if (!devices.TryGetValue(deviceIds[i]!, out var device))
            {
                outcomes[i] = IngestionOutcome.UnknownDevice;
                continue;
            }

            var deviceRecordId = device.Id;
            if (device.CategoryId is { } categoryId)
            {
                ref var checkedDevice = ref CollectionsMarshal.GetValueRefOrAddDefault(categorized, deviceRecordId, out var seen);
                if (!seen)
                {
                    checkedDevice = new ThresholdDevice(device.DeviceId, categoryId);
                }
            }

            var report = reports[i];
            var at = report.Timestamp ?? now;
            foreach (var (measure, value) in report.Values)
            {
                readings.Add(new DeviceReading(deviceRecordId, measure, at, value));
            }

            // Last activity is when the device was last heard from, which a clock running ahead cannot put in the future.
            activity.Add(new DeviceActivity(deviceRecordId, at < now ? at : now));
            outcomes[i] = IngestionOutcome.Stored;
        }

        var written = await writer.WriteAsync(readings, activity, cancellationToken);

        // After the commit, so no alert is raised for a reading that was not stored. It never throws: the readings
        // are stored, and a failure to raise an alert is logged and retried, not this batch's failure. (Called even
        // when no device has a category, to retry what an earlier batch could not store.)
        await thresholds.CheckAsync(providerInstanceId, readings, categorized, cancellationToken);

        var result = outcomes.Select(o => o!).ToList();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var (stored, unknown, invalid) = IngestionOutcome.Count(result);
            ReadingsLog.TelemetryIngested(logger, providerInstanceId, stored, unknown, invalid, written);
        }

        return result;
    }

    private static void Check(IReadOnlyDictionary<string, double>? values, ItemErrors errors)
    {
        if (values is null || values.Count == 0)
        {
            errors.Add("values", "At least one value is required, e.g. {\"temperature\": 21.5}.");
            return;
        }

        foreach (var (measure, value) in values)
        {
            if (string.IsNullOrWhiteSpace(measure) || measure.Length > ReadingSeries.MeasureMaxLength)
            {
                errors.Add("values", $"A measure name is 1 to {ReadingSeries.MeasureMaxLength} characters.");
            }
            else if (StorableValues.TextProblem(measure) is { } nameProblem)
            {
                errors.Add("values", $"The measure name {nameProblem}");
            }
            else if (StorableValues.NumberProblem(value) is { } problem)
            {
                errors.Add($"values.{measure}", $"The value {problem}");
            }
        }
    }
}
