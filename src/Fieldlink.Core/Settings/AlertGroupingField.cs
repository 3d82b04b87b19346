namespace Fieldlink.Core.Settings;

/// <summary>The alert fields that IoT settings may require to match for alerts to group.</summary>
public static class AlertGroupingField
{
    public const string Device = "device";
    public const string CustomerAsset = "customerAsset";
    public const string AlertType = "alertType";
    public const string Description = "description";

    public static IReadOnlyList<string> All { get; } = [Device, CustomerAsset, AlertType, Description];
}
