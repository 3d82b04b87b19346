using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Messaging.EventHubs;
using Fieldlink.Connectors.AzureIoTHub.EventGrid;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.EventHubs;

/// <summary>
/// Reads events of the hub's built-in Event Hubs-compatible endpoint: device-to-cloud messages become readings and
/// alerts exactly as through Event Grid (<see cref="TelemetryMapping"/>); when the hub routes them to the built-in
/// endpoint too, <c>deviceConnectionStateEvents</c> become connection changes, <c>twinChangeEvents</c> reported
/// properties, and <c>deviceLifecycleEvents</c> created and deleted identities. The device comes from the system
/// property <c>iothub-connection-device-id</c> (else the <c>deviceId</c> application property the hub sets on routed
/// events), the time from <c>iothub-enqueuedtime</c>. Thread-safe.
/// </summary>
public static class IoTHubEventHubsParser
{
    internal const string Source = "eventhubs";

    /// <summary>The longest alert token Fieldlink's store keeps.</summary>
    internal const int MaxTokenLength = 200;

    /// <summary>Reads a batch of one partition's events.</summary>
    /// <param name="events">The events, in the partition's order.</param>
    /// <param name="partitionId">The partition they come from: with the sequence number, the alert token of a message without a message id.</param>
    /// <param name="alertProperty">The application property that makes a message an alert (<see cref="AzureIoTHubSettings.AlertProperty"/>).</param>
    /// <param name="reportedProperties">The reported properties kept (<see cref="AzureIoTHubSettings.ReportedProperties"/>); empty keeps all.</param>
    public static IoTHubEventHubsBatch Parse(IEnumerable<EventData> events, string partitionId, string alertProperty, IReadOnlyCollection<string> reportedProperties)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(alertProperty);
        ArgumentNullException.ThrowIfNull(reportedProperties);
        var telemetry = new List<TelemetryReport>();
        var alerts = new List<AlertReport>();
        var states = new List<DeviceStateReport>();
        var reported = new List<DeviceStateReport>();
        var lifecycle = new List<DeviceLifecycleChange>();
        var unusable = new List<DeadLetterReport>();
        var ignored = 0;
        foreach (var e in events)
        {
            var deviceId = Text(e.SystemProperties, "iothub-connection-device-id") ?? Text(e.Properties, "deviceId");
            var at = Time(e.SystemProperties, "iothub-enqueuedtime") ?? e.EnqueuedTime;
            var source = Text(e.SystemProperties, "iothub-message-source") ?? Text(e.Properties, "iothub-message-source") ?? "Telemetry";
            if (deviceId is null)
            {
                unusable.Add(new DeadLetterReport(Source, "An event without iothub-connection-device-id or deviceId.", Payload(e), null, at));
                continue;
            }

            var opType = Text(e.Properties, "opType");
            var operationAt = Time(e.Properties, "operationTimestamp") ?? at;
            switch (source)
            {
                case "deviceConnectionStateEvents" when Text(e.SystemProperties, "iothub-connection-module-id") is null && Text(e.Properties, "moduleId") is null:
                    ConnectionState? state = opType switch
                    {
                        "deviceConnected" => ConnectionState.Connected,
                        "deviceDisconnected" => ConnectionState.Disconnected,
                        _ => null,
                    };
                    if (state is { } known)
                    {
                        states.Add(new DeviceStateReport(deviceId, known, LastActivityAt: operationAt));
                    }
                    else
                    {
                        ignored++;
                    }

                    break;
                case "deviceLifecycleEvents" when opType is "createDeviceIdentity" or "deleteDeviceIdentity":
                    lifecycle.Add(new DeviceLifecycleChange(deviceId, opType == "createDeviceIdentity" ? RegistrationStatus.Registered : RegistrationStatus.Unregistered, operationAt));
                    break;
                case "twinChangeEvents":
                    if (ReportedChange(e, reportedProperties) is { Count: > 0 } changed)
                    {
                        reported.Add(new DeviceStateReport(deviceId, ReportedProperties: changed));
                    }
                    else
                    {
                        ignored++;
                    }

                    break;
                case "Telemetry":
                    var (body, problem) = TelemetryMapping.ParseUtf8(e.EventBody.ToMemory(), "telemetry body");
                    var token = AlertToken(deviceId, e.MessageId, partitionId, e.SequenceNumber);
                    var unused = body is null ? problem
                        : TelemetryMapping.Add(deviceId, at, body, Text(e.Properties, alertProperty), Text(e.Properties, alertProperty + "-type"), token, telemetry, alerts);
                    if (unused is not null)
                    {
                        unusable.Add(new DeadLetterReport(Source, unused, Payload(e), deviceId, at));
                    }

                    break;
                default:
                    ignored++;
                    break;
            }
        }

        return new IoTHubEventHubsBatch(telemetry, alerts, [.. states.OrderBy(s => s.LastActivityAt)], reported, lifecycle, unusable, ignored);
    }

    /// <summary>
    /// The alert token of a message: its device and message id when the device set one (the same message however
    /// often it is read, whichever partition or route), else its partition and sequence number. One longer than the
    /// store keeps (<see cref="MaxTokenLength"/>) is hashed, so it still tells messages apart.
    /// </summary>
    internal static string AlertToken(string deviceId, string? messageId, string partitionId, long sequenceNumber)
    {
        var token = messageId is { Length: > 0 } ? $"{deviceId}/{messageId}" : $"{partitionId}/{sequenceNumber.ToString(CultureInfo.InvariantCulture)}";
        return token.Length <= MaxTokenLength ? token : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>The reported properties a twin change notification carries (what changed), without the hub's <c>$metadata</c> and <c>$version</c>.</summary>
    private static JsonObject? ReportedChange(EventData e, IReadOnlyCollection<string> keep)
    {
        var (body, _) = TelemetryMapping.ParseUtf8(e.EventBody.ToMemory(), "twin change");
        if (body?["properties"]?["reported"] is not JsonObject reported)
        {
            return null;
        }

        var changed = new JsonObject();
        foreach (var (name, value) in reported)
        {
            if (!name.StartsWith('$') && (keep.Count == 0 || keep.Contains(name, StringComparer.Ordinal)))
            {
                changed[name] = value?.DeepClone();
            }
        }

        return changed;
    }

    private static string? Text(IReadOnlyDictionary<string, object> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Text(value) : null;

    private static string? Text(IDictionary<string, object> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Text(value) : null;

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text.Length > 0 ? text : null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, object> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Time(value) : null;

    private static DateTimeOffset? Time(IDictionary<string, object> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Time(value) : null;

    private static DateTimeOffset? Time(object? value) => value switch
    {
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime()),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>Every event of a batch the store refused, as a dead letter with <paramref name="reason"/>, so none is lost.</summary>
    internal static IReadOnlyList<DeadLetterReport> Refused(IReadOnlyList<EventData> events, string reason) =>
        [.. events.Select(e => new DeadLetterReport(
            Source,
            reason,
            Payload(e),
            Text(e.SystemProperties, "iothub-connection-device-id") ?? Text(e.Properties, "deviceId"),
            Time(e.SystemProperties, "iothub-enqueuedtime") ?? e.EnqueuedTime))];

    /// <summary>The message as a dead letter keeps it: its body as text, and where it came from.</summary>
    private static string Payload(EventData e) =>
        new JsonObject
        {
            ["sequenceNumber"] = e.SequenceNumber,
            ["messageId"] = e.MessageId,
            ["body"] = e.EventBody.ToString(),
        }.ToJsonString();
}
