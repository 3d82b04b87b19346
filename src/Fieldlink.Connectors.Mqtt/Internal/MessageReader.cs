using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Turns received payloads into reports, or says why it cannot: every reason names the field at fault, so a dead
/// letter tells the integrator what to mend.
/// </summary>
internal static class MessageReader
{
    /// <summary>
    /// The last activity a retained message reports: the earliest time Fieldlink stores, which never moves a device's
    /// last activity (it only moves forward), for a retained message is what the device said some time ago.
    /// </summary>
    public static readonly DateTimeOffset RetainedActivity = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Unix seconds of 2000-01-01 and 2200-01-01: a number of milliseconds between them is a time in 1970 that was meant
    // in seconds.
    private const long EarliestSeconds = 946_684_800;
    private const long LatestSeconds = 7_258_118_400;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The payload as text; bytes that are not UTF-8 as Base64, so a dead letter keeps them whole.</summary>
    public static string Text(byte[] payload)
    {
        try
        {
            return StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return "base64:" + Convert.ToBase64String(payload);
        }
    }

    public static TelemetryReport? Telemetry(string deviceId, byte[] payload, DateTimeOffset now, out string? error)
    {
        if (Object(payload, out error) is not { } json)
        {
            return null;
        }

        DateTimeOffset? timestamp = null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in json)
        {
            if (name == "ts")
            {
                if (Time(value, out error) is not { } ts)
                {
                    error = "ts: " + error;
                    return null;
                }

                timestamp = ts;
            }
            else if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                values[name] = number.GetValue<double>();
            }
            else
            {
                error = $"{name}: a measure's value must be a number, not {Kind(value)}.";
                return null;
            }
        }

        if (values.Count == 0)
        {
            error = "The telemetry holds no measure: expected {\"ts\"?, \"<measure>\": number, ...}.";
            return null;
        }

        error = null;
        return new TelemetryReport(deviceId, timestamp ?? now, values);
    }

    public static AlertReport? Alert(string deviceId, byte[] payload, out string? error)
    {
        if (Object(payload, out error) is not { } json)
        {
            return null;
        }

        try
        {
            if (json["deviceId"] is { } named && (named.GetValueKind() != JsonValueKind.String || (string)named! != deviceId))
            {
                error = $"deviceId: the alert names a device other than the topic's '{deviceId}'.";
                return null;
            }

            AlertType? type = null;
            if (json["alertType"] is { } typeNode)
            {
                if (typeNode.GetValueKind() != JsonValueKind.String || !Enum.TryParse<AlertType>((string)typeNode!, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    error = $"alertType: must be one of {string.Join(", ", Enum.GetNames<AlertType>())}.";
                    return null;
                }

                type = parsed;
            }

            DateTimeOffset? alertTime = null;
            if (json["alertTime"] is { } timeNode)
            {
                if (Time(timeNode, out error) is not { } at)
                {
                    error = "alertTime: " + error;
                    return null;
                }

                alertTime = at;
            }

            Uri? url = null;
            if (json["url"] is { } urlNode && (urlNode.GetValueKind() != JsonValueKind.String || !Uri.TryCreate((string)urlNode!, UriKind.Absolute, out url)))
            {
                error = "url: must be an absolute URL.";
                return null;
            }

            error = null;
            return new AlertReport(
                deviceId,
                StringOf(json, "description", ref error) ?? "",
                type,
                alertTime,
                json["data"]?.DeepClone(),
                StringOf(json, "token", ref error),
                url) is var report && error is null ? report : null;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    public static DeviceStateReport? Reported(string deviceId, byte[] payload, bool retained, out string? error)
    {
        var json = Object(payload, out error);
        // A retained message is what the device said some time ago: its state, not a sign of activity now.
        return json is null ? null : new DeviceStateReport(deviceId, ReportedProperties: json, LastActivityAt: retained ? RetainedActivity : null);
    }

    public static DeviceStateReport? Status(string deviceId, byte[] payload, bool retained, out string? error)
    {
        var text = Text(payload).Trim();
        if (text.StartsWith('{'))
        {
            text = Object(payload, out _)?["status"] is JsonValue status && status.GetValueKind() == JsonValueKind.String ? (string)status! : "";
        }

        ConnectionState? state = text.ToLowerInvariant() switch
        {
            "online" => ConnectionState.Connected,
            "offline" => ConnectionState.Disconnected,
            _ => null,
        };
        error = state is null ? "The status must be online or offline (or {\"status\": \"online\" | \"offline\"})." : null;
        return state is null ? null : new DeviceStateReport(deviceId, state, LastActivityAt: retained ? RetainedActivity : null);
    }

    public static CommandStatusReport? Ack(string? commandId, byte[] payload, DateTimeOffset now, out string? error)
    {
        if (!Guid.TryParse(commandId, out var id))
        {
            error = $"The topic's command id '{commandId}' is not a Fieldlink command id (a GUID).";
            return null;
        }

        if (Object(payload, out error) is not { } json)
        {
            return null;
        }

        var status = json["status"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? ((string)s!).ToLowerInvariant() : null;
        var reported = status switch
        {
            "succeeded" => CommandStatus.Succeeded,
            "failed" => CommandStatus.Failed,
            "delivered" => CommandStatus.Delivered,
            _ => (CommandStatus?)null,
        };
        if (reported is null)
        {
            error = "status: must be succeeded, failed or delivered.";
            return null;
        }

        var message = json["error"] switch
        {
            null => null,
            JsonValue e when e.GetValueKind() == JsonValueKind.String => (string)e!,
            _ => "",
        };
        if (message == "")
        {
            error = "error: must be a string.";
            return null;
        }

        if (reported == CommandStatus.Failed)
        {
            message ??= "The device reported that the command failed.";
        }

        return new CommandStatusReport(id, reported.Value, json["payload"]?.DeepClone(), message, now);
    }

    private static JsonObject? Object(byte[] payload, out string? error)
    {
        try
        {
            if (JsonNode.Parse(payload) is JsonObject json)
            {
                error = null;
                return json;
            }

            error = "The payload must be a JSON object.";
        }
        catch (JsonException ex)
        {
            error = $"The payload is not valid JSON: {ex.Message}";
        }

        return null;
    }

    private static DateTimeOffset? Time(JsonNode? node, out string? error)
    {
        error = null;
        switch (node?.GetValueKind())
        {
            case JsonValueKind.String when DateTimeOffset.TryParse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                return at.ToUniversalTime();
            case JsonValueKind.Number when node!.AsValue().TryGetValue<long>(out var ms) && ms is >= EarliestSeconds and < LatestSeconds:
                error = $"must be Unix milliseconds (or an ISO 8601 time); {ms} looks like Unix seconds ({DateTimeOffset.FromUnixTimeSeconds(ms):yyyy-MM-dd'T'HH:mm:ss'Z'}), "
                    + $"which as milliseconds is {DateTimeOffset.FromUnixTimeMilliseconds(ms):yyyy-MM-dd'T'HH:mm:ss'Z'}.";
                return null;
            case JsonValueKind.Number when node!.AsValue().TryGetValue<long>(out var ms) && ms is > 0 and < 253_402_300_800_000:
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            default:
                error = "must be an ISO 8601 time or Unix milliseconds.";
                return null;
        }
    }

    private static string? StringOf(JsonObject json, string name, ref string? error)
    {
        switch (json[name])
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return (string)value!;
            default:
                error ??= $"{name}: must be a string.";
                return null;
        }
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "true or false",
    };
}
