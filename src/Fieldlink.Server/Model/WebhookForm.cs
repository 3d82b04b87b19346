using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Api.Webhooks;

namespace Fieldlink.Server.Model;

/// <summary>
/// The create and edit form of a webhook subscription, as a person fills it in: the URL, the event types ticked (none
/// or "All events" meaning every type), on or off, a description; and the version it was read at, for an edit.
/// </summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }

    public IReadOnlyCollection<string> EventTypes { get; set; } = [WebhookEventTypes.All];

    public bool Enabled { get; set; } = true;

    public string? Description { get; set; }

    /// <summary>The version the subscription was read at; a change saved meanwhile refuses the edit rather than be undone.</summary>
    public long Version { get; set; }

    /// <summary>The form filled in with <paramref name="row"/>, to edit it.</summary>
    public static WebhookForm Of(WebhookRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new WebhookForm { Url = row.Url, EventTypes = [.. row.EventTypes], Enabled = row.Enabled, Description = row.Description, Version = row.Version };
    }

    /// <summary>The API's write: "All events" among others means all, as <c>["*"]</c> does.</summary>
    public WebhookWrite ToWrite() => new(
        Url,
        EventTypes.Count == 0 || EventTypes.Contains(WebhookEventTypes.All) ? [WebhookEventTypes.All] : [.. EventTypes.Order(StringComparer.Ordinal)],
        Enabled,
        Description);
}
