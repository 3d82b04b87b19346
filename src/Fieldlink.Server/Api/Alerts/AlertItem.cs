using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Alerts;

/// <summary>One item of <c>POST /api/v1/ingest/alerts</c>.</summary>
/// <param name="DeviceId">The device's id in its provider's system; an unknown one is kept as an unmatched alert.</param>
/// <param name="AlertType">Anomaly (the default), Info, PreventiveMaintenance or Test.</param>
/// <param name="Description">What happened (required).</param>
/// <param name="AlertTime">When it happened; omitted for the time it arrives.</param>
/// <param name="Data">The system's details: any JSON, at most 8192 characters.</param>
/// <param name="Token">The system's id of the event; the same token again from the same instance is a duplicate.</param>
/// <param name="Url">A link to the event in the system.</param>
public sealed record AlertItem(string? DeviceId, AlertType? AlertType, string? Description, DateTimeOffset? AlertTime, JsonNode? Data, string? Token, Uri? Url)
{
    /// <summary>The report <see cref="AlertIngestion"/> takes; what is missing is left for its checks to name.</summary>
    public AlertReport ToReport() => new(DeviceId ?? string.Empty, Description ?? string.Empty, AlertType, AlertTime, Data, Token, Url);
}
