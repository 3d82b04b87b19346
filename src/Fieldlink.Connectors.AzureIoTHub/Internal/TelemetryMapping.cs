using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>
/// How a device-to-cloud message becomes readings and an alert, whichever way it came (Event Grid or the Event
/// Hubs-compatible endpoint), so both give the same readings for the same message: its body's numeric values named by
/// their JSON path (<c>Weather.Temperature</c>); the alert application property's value as the alert's description
/// (or, when it is <c>true</c>, the body's <c>description</c>), and <c>{alertProperty}-type</c> as its type.
/// </summary>
internal static class TelemetryMapping
{
    /// <summary>Adds the message's readings and alert; returns why nothing could be kept, or null.</summary>
    /// <param name="deviceId">The device that sent the message.</param>
    /// <param name="at">When the hub took it in.</param>
    /// <param name="body">Its JSON body.</param>
    /// <param name="alert">The alert property's value, null when the message is no alert.</param>
    /// <param name="alertType">The alert type property's value, if any.</param>
    /// <param name="telemetry">Where its readings go.</param>
    /// <param name="alerts">Where its alert goes.</param>
    /// <param name="token">The message's id for the alert: the same message delivered again gives the same token, so one alert.</param>
    public static string? Add(
        string deviceId, DateTimeOffset at, JsonNode body, string? alert, string? alertType, string token, List<TelemetryReport> telemetry, List<AlertReport> alerts)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        Flatten(body, null, values);
        if (alert is not null)
        {
            var description = !bool.TryParse(alert, out _) ? alert
                : Text((body as JsonObject)?["description"]) ?? $"Alert from device {deviceId}";
            AlertType? type = alertType is not null && Enum.TryParse<AlertType>(alertType, ignoreCase: true, out var t) ? t : null;
            alerts.Add(new AlertReport(deviceId, description, type, at, body.DeepClone(), token));
        }

        if (values.Count > 0)
        {
            telemetry.Add(new TelemetryReport(deviceId, at, values));
            return null;
        }

        return alert is null ? "The telemetry body has no numeric value to keep as a reading." : null;
    }

    /// <summary>A body's bytes as JSON: devices send UTF-8 JSON; anything else cannot be read.</summary>
    public static (JsonNode? Body, string? Problem) ParseUtf8(ReadOnlyMemory<byte> bytes, string what)
    {
        try
        {
            return JsonNode.Parse(bytes.Span) is { } node ? (node, null) : (null, $"The {what} is JSON null.");
        }
        catch (JsonException)
        {
            return (null, $"The {what} is not JSON in UTF-8.");
        }
    }

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void Flatten(JsonNode? node, string? path, Dictionary<string, double> values)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    Flatten(value, path is null ? name : $"{path}.{name}", values);
                }

                break;
            case JsonValue value when path is not null && value.GetValueKind() == JsonValueKind.Number:
                var number = value.GetValue<double>();
                if (double.IsFinite(number))
                {
                    values[path] = number;
                }

                break;
            default:
                break;
        }
    }
}
