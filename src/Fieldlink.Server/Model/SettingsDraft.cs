using Fieldlink.Core.Settings;
using Fieldlink.Server.Api.Settings;

namespace Fieldlink.Server.Model;

/// <summary>
/// The IoT settings as their page edits them, read at <see cref="Version"/>: durations in minutes (a fraction for
/// seconds), the grouping fields as a set, the default provider instance as a picked record. Written back whole as
/// <see cref="SettingsWrite"/>, checked by the same <see cref="SettingsEdits"/> as <c>PATCH /api/v1/settings</c>.
/// </summary>
public sealed class SettingsDraft
{
    /// <summary>The version the form was read at: a save is refused if the settings changed since.</summary>
    public long Version { get; init; }

    public NamedRecord? DefaultProviderInstance { get; set; }

    public bool AlertGroupingEnabled { get; set; }

    /// <summary>The <see cref="AlertGroupingField"/> names that must match; none: the device alone decides.</summary>
    public HashSet<string> AlertGroupingFields { get; init; } = new(StringComparer.Ordinal);

    public double? AlertGroupingWindowMinutes { get; set; }

    public bool AutoPullOnAlert { get; set; }

    public bool ScheduledPullsEnabled { get; set; }

    public double? ScheduledPullIntervalMinutes { get; set; }

    public string? CommandNameProperty { get; set; }

    public string? CommandParametersProperty { get; set; }

    public static SettingsDraft From(long version, SettingsWrite write, NamedRecord? defaultInstance)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new()
        {
            Version = version,
            DefaultProviderInstance = defaultInstance,
            AlertGroupingEnabled = write.AlertGroupingEnabled ?? true,
            AlertGroupingFields = new(write.AlertGroupingFields ?? [], StringComparer.Ordinal),
            AlertGroupingWindowMinutes = write.AlertGroupingWindow?.TotalMinutes,
            AutoPullOnAlert = write.AutoPullOnAlert ?? true,
            ScheduledPullsEnabled = write.ScheduledPullsEnabled ?? false,
            ScheduledPullIntervalMinutes = write.ScheduledPullInterval?.TotalMinutes,
            CommandNameProperty = write.CommandNameProperty,
            CommandParametersProperty = write.CommandParametersProperty,
        };
    }

    /// <summary>Turns a grouping field on or off.</summary>
    public void SetGroupingField(string field, bool on)
    {
        if (on)
        {
            AlertGroupingFields.Add(field);
        }
        else
        {
            AlertGroupingFields.Remove(field);
        }
    }

    /// <summary>The write; grouping fields in their documented order, durations to the second as a person types them.</summary>
    public SettingsWrite ToWrite() => new(
        DefaultProviderInstance?.Id,
        AlertGroupingEnabled,
        [.. AlertGroupingField.All.Where(AlertGroupingFields.Contains)],
        Duration(AlertGroupingWindowMinutes),
        AutoPullOnAlert,
        ScheduledPullsEnabled,
        Duration(ScheduledPullIntervalMinutes),
        CommandNameProperty,
        CommandParametersProperty);

    private static TimeSpan? Duration(double? minutes) =>
        minutes is { } m && double.IsFinite(m) && Math.Abs(m) < TimeSpan.MaxValue.TotalMinutes
            ? TimeSpan.FromSeconds(Math.Round(m * 60))
            : null;
}
