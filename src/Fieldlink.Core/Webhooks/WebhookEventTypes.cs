namespace Fieldlink.Core.Webhooks;

/// <summary>The event types a subscription can want (docs/webhooks.md has their payloads).</summary>
public static class WebhookEventTypes
{
    public const string All = "*";
    public const string AlertCreated = "alert.created";
    public const string AlertGrouped = "alert.grouped";
    public const string AlertStatusChanged = "alert.status_changed";
    public const string CommandStatusChanged = "command.status_changed";
    public const string DeviceRegistered = "device.registered";
    public const string DeviceDataPulled = "device.data_pulled";
    public const string CaseCreated = "case.created";
    public const string WorkOrderCreated = "workorder.created";
    public const string WorkOrderStatusChanged = "workorder.status_changed";

    public static IReadOnlyList<string> Known { get; } =
    [
        AlertCreated, AlertGrouped, AlertStatusChanged, CommandStatusChanged, DeviceRegistered, DeviceDataPulled,
        CaseCreated, WorkOrderCreated, WorkOrderStatusChanged,
    ];
}
