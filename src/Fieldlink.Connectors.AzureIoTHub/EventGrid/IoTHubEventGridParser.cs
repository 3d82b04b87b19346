using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.EventGrid;

/// <summary>
/// Reads an Event Grid delivery from an IoT hub, in the Event Grid schema or as CloudEvents 1.0, with
/// Azure.Messaging.EventGrid: the subscription validation event, and <c>Microsoft.Devices.DeviceTelemetry</c>,
/// <c>DeviceConnected</c>, <c>DeviceDisconnected</c>, <c>DeviceCreated</c> and <c>DeviceDeleted</c>. A telemetry body
/// arrives as JSON when the device sent <c>application/json</c> in UTF-8, else base64: both are read, and its numeric
/// values become readings named by their JSON path (<c>Weather.Temperature</c>). Thread-safe.
/// </summary>
public static class IoTHubEventGridParser
{
    private const string TelemetryType = "Microsoft.Devices.DeviceTelemetry";
    private const string Source = "eventgrid";

    /// <summary>Reads the delivery.</summary>
    /// <param name="body">The request's body as Event Grid sent it.</param>
    /// <param name="alertProperty">The application property that makes a telemetry message an alert (<see cref="AzureIoTHubSettings.AlertProperty"/>).</param>
    /// <param name="now">The time for a CloudEvent without a <c>time</c>.</param>
    /// <returns>What the delivery holds.</returns>
    /// <exception cref="FormatException">The body is not an Event Grid delivery.</exception>
    public static IoTHubEventBatch Parse(BinaryData body, string alertProperty, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(alertProperty);
        var events = Read(body, now);
        var batch = new Collector(alertProperty);
        foreach (var received in events)
        {
            if (received.ValidationCode is { } code)
            {
                return new IoTHubEventBatch(code, [], [], [], [], [], 0);
            }

            batch.Add(received);
        }

        return batch.ToBatch();
    }

    /// <summary>The events of the delivery, whichever schema it is in: CloudEvents carry <c>specversion</c>.</summary>
    private static List<ReceivedEvent> Read(BinaryData body, DateTimeOffset now)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not JSON: {ex.Message}", ex);
        }

        var first = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().FirstOrDefault() : root;
        if (first.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The body must be an Event Grid event or CloudEvent, or an array of them.");
        }

        try
        {
            return first.TryGetProperty("specversion", out _)
                ? [.. CloudEvent.ParseMany(body).Select(e => ReceivedEvent.From(e, now))]
                : [.. EventGridEvent.ParseMany(body).Select(ReceivedEvent.From)];
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"The body is not a delivery of Event Grid events or CloudEvents: {ex.Message}", ex);
        }
    }

    /// <summary>One event of either schema, as this parser needs it.</summary>
    private sealed record ReceivedEvent(string Id, string Type, string? Subject, DateTimeOffset Time, BinaryData? Data, object? SystemData)
    {
        public string? ValidationCode => (SystemData as SubscriptionValidationEventData)?.ValidationCode;

        public static ReceivedEvent From(EventGridEvent e) =>
            new(e.Id, e.EventType, e.Subject, e.EventTime, e.Data, e.TryGetSystemEventData(out var data) ? data : null);

        public static ReceivedEvent From(CloudEvent e, DateTimeOffset now) =>
            new(e.Id, e.Type, e.Subject, e.Time ?? now, e.Data, e.TryGetSystemEventData(out var data) ? data : null);
    }

    /// <summary>Collects a delivery's events into a batch.</summary>
    private sealed class Collector(string alertProperty)
    {
        private readonly List<TelemetryReport> _telemetry = [];
        private readonly List<AlertReport> _alerts = [];
        private readonly List<(DateTimeOffset At, DeviceStateReport State)> _states = [];
        private readonly List<DeviceLifecycleChange> _lifecycle = [];
        private readonly List<DeadLetterReport> _unusable = [];
        private int _ignored;

        public void Add(ReceivedEvent received)
        {
            switch (received.SystemData)
            {
                case IotHubDeviceConnectedEventData connected when string.IsNullOrEmpty(connected.ModuleId):
                    _states.Add((received.Time, new DeviceStateReport(connected.DeviceId, ConnectionState.Connected, LastActivityAt: received.Time)));
                    break;
                case IotHubDeviceDisconnectedEventData disconnected when string.IsNullOrEmpty(disconnected.ModuleId):
                    _states.Add((received.Time, new DeviceStateReport(disconnected.DeviceId, ConnectionState.Disconnected, LastActivityAt: received.Time)));
                    break;
                case IotHubDeviceCreatedEventData created:
                    _lifecycle.Add(new DeviceLifecycleChange(created.DeviceId, RegistrationStatus.Registered, received.Time));
                    break;
                case IotHubDeviceDeletedEventData deleted:
                    _lifecycle.Add(new DeviceLifecycleChange(deleted.DeviceId, RegistrationStatus.Unregistered, received.Time));
                    break;
                default:
                    if (received.Type == TelemetryType && received.Data is not null)
                    {
                        AddTelemetry(received);
                    }
                    else
                    {
                        _ignored++;
                    }

                    break;
            }
        }

        public IoTHubEventBatch ToBatch() =>
            new(null, _telemetry, _alerts, [.. _states.OrderBy(s => s.At).Select(s => s.State)], _lifecycle, _unusable, _ignored);

        /// <summary>
        /// Reads the telemetry event's <c>data</c> itself rather than the library's model, whose body is an untyped
        /// object: the JSON is what a reading is made from.
        /// </summary>
        private void AddTelemetry(ReceivedEvent received)
        {
            var payload = received.Data!.ToString();
            var data = JsonNode.Parse(payload) as JsonObject;
            var system = data?["systemProperties"] as JsonObject;
            var deviceId = Text(system?["iothub-connection-device-id"]) ?? DeviceIdOf(received.Subject);
            if (deviceId is null)
            {
                _unusable.Add(new DeadLetterReport(Source, "A DeviceTelemetry event without iothub-connection-device-id or a devices/{id} subject.", payload, null, received.Time));
                return;
            }

            var at = Text(system?["iothub-enqueuedtime"]) is { } enqueued && DateTimeOffset.TryParse(enqueued, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : received.Time;
            var (body, problem) = Body(data?["body"]);
            if (body is null)
            {
                _unusable.Add(new DeadLetterReport(Source, problem!, payload, deviceId, at));
                return;
            }

            var properties = data?["properties"] as JsonObject;
            var alert = Text(properties?[alertProperty]);
            if (TelemetryMapping.Add(deviceId, at, body, alert, Text(properties?[alertProperty + "-type"]), received.Id, _telemetry, _alerts) is { } unusable)
            {
                _unusable.Add(new DeadLetterReport(Source, unusable, payload, deviceId, at));
            }
        }

        private static (JsonNode? Body, string? Problem) Body(JsonNode? body)
        {
            if (body is JsonObject or JsonArray)
            {
                return (body, null);
            }

            if (Text(body) is not { } encoded)
            {
                return (null, "The telemetry event has no body.");
            }

            // Not JSON in UTF-8 on the device's side: Event Grid sends the bytes in base64.
            var bytes = new byte[encoded.Length];
            if (!Convert.TryFromBase64String(encoded, bytes, out var length))
            {
                return (null, "The telemetry body is neither JSON nor base64.");
            }

            return TelemetryMapping.ParseUtf8(bytes.AsMemory(0, length), "telemetry body (base64)");
        }

        private static string? DeviceIdOf(string? subject) =>
            subject is not null && subject.StartsWith("devices/", StringComparison.Ordinal) && subject.Length > 8 ? subject[8..].Split('/')[0] : null;

        private static string? Text(JsonNode? node) => TelemetryMapping.Text(node);
    }
}
