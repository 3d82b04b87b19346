namespace Fieldlink.Server.Api.Settings;

/// <summary>The IoT settings as the API shows them.</summary>
public sealed record SettingsRead(
    Guid? DefaultProviderInstanceId,
    bool AlertGroupingEnabled,
    IReadOnlyList<string> AlertGroupingFields,
    TimeSpan AlertGroupingWindow,
    bool AutoPullOnAlert,
    bool ScheduledPullsEnabled,
    TimeSpan ScheduledPullInterval,
    string CommandNameProperty,
    string CommandParametersProperty,
    DateTimeOffset UpdatedAt);
