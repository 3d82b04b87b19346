namespace Fieldlink.Server.Api.Settings;

/// <summary>The IoT settings, all writable; durations are ISO 8601 (<c>"PT5M"</c>).</summary>
public sealed record SettingsWrite(
    Guid? DefaultProviderInstanceId,
    bool? AlertGroupingEnabled,
    IReadOnlyList<string>? AlertGroupingFields,
    TimeSpan? AlertGroupingWindow,
    bool? AutoPullOnAlert,
    bool? ScheduledPullsEnabled,
    TimeSpan? ScheduledPullInterval,
    string? CommandNameProperty,
    string? CommandParametersProperty);
