using System.Globalization;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>Reads what Fieldlink keeps of a device from the hub's twin and identity documents.</summary>
internal static class TwinReading
{
    /// <summary>The device's data: status, connection state and its time, last activity, and the reported properties Fieldlink keeps.</summary>
    public static DeviceData ToDeviceData(Guid id, JsonObject twin, JsonObject? identity, IReadOnlyList<string> keep)
    {
        var status = Text(twin["status"] ?? identity?["status"]);
        var connection = Text(twin["connectionState"] ?? identity?["connectionState"]) switch
        {
            "Connected" => ConnectionState.Connected,
            "Disconnected" => ConnectionState.Disconnected,
            _ => (ConnectionState?)null,
        };

        // The twin carries no time for its connection state; the identity does.
        var changedAt = Time(identity?["connectionStateUpdatedTime"]);
        var lastActivity = Latest(Time(twin["lastActivityTime"]), Time(identity?["lastActivityTime"]));
        return new DeviceData(
            id,
            string.Equals(status, "disabled", StringComparison.OrdinalIgnoreCase) ? DeviceDataStatus.Disabled : DeviceDataStatus.Enabled,
            connection,
            changedAt,
            Reported(twin, keep),
            lastActivity);
    }

    /// <summary>The twin's reported properties without the hub's <c>$metadata</c> and <c>$version</c>, only those in <paramref name="keep"/> when it names any.</summary>
    public static JsonObject Reported(JsonObject twin, IReadOnlyList<string> keep)
    {
        var reported = new JsonObject();
        if (twin["properties"]?["reported"] is not JsonObject all)
        {
            return reported;
        }

        foreach (var (name, value) in all)
        {
            if (name.StartsWith('$') || (keep.Count > 0 && !keep.Contains(name, StringComparer.Ordinal)))
            {
                continue;
            }

            reported[name] = value?.DeepClone();
        }

        return reported;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A time the hub gave, or null for none: the hub says "never" as 0001-01-01.</summary>
    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1
            ? at
            : null;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
