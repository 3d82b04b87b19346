using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>An alert a device's system raised, reported through <see cref="IConnectorSink.PublishAlertsAsync"/>.</summary>
/// <param name="DeviceId">The device's id in the provider's system; an unknown device's alert is kept as unmatched.</param>
/// <param name="Description">What happened, in words a dispatcher reads (required).</param>
/// <param name="AlertType">The kind of alert; null for <see cref="Sdk.AlertType.Anomaly"/>.</param>
/// <param name="AlertTime">When it happened; null for the time it arrives.</param>
/// <param name="Data">The system's details, any JSON (at most 8192 characters).</param>
/// <param name="Token">The system's id of the event: the same token from the same provider instance is one alert, so a repeat is a duplicate.</param>
/// <param name="Url">A link to the event in the system, if any.</param>
public sealed record AlertReport(
    string DeviceId,
    string Description,
    AlertType? AlertType = null,
    DateTimeOffset? AlertTime = null,
    JsonNode? Data = null,
    string? Token = null,
    Uri? Url = null);
