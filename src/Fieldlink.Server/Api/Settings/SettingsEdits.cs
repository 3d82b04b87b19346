using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Settings;

/// <summary>
/// The steps of an IoT settings write that do not depend on HTTP — the checks, the change, the conditional save and the
/// refresh of the command property names — shared by <c>PATCH /api/v1/settings</c> and the web app's settings page, so
/// the two accept and refuse exactly the same values.
/// </summary>
public static class SettingsEdits
{
    /// <summary>The longest alert grouping window: grouping over more than a week would hide new trouble under old.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    /// <summary>The shortest scheduled pull interval: pulling more often than a minute would load the providers for nothing.</summary>
    public static readonly TimeSpan MinPullInterval = TimeSpan.FromMinutes(1);

    /// <summary>The settings as their writable fields: what a merge patch merges into, what the page's form starts from.</summary>
    public static SettingsWrite ToWrite(IoTSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(
            settings.DefaultProviderInstanceId,
            settings.AlertGroupingEnabled,
            settings.AlertGroupingFields,
            settings.AlertGroupingWindow,
            settings.AutoPullOnAlert,
            settings.ScheduledPullsEnabled,
            settings.ScheduledPullInterval,
            settings.CommandNameProperty,
            settings.CommandParametersProperty);
    }

    /// <summary>
    /// Replaces the tracked <paramref name="settings"/> with <paramref name="write"/> after its checks. The save is
    /// conditional on the version the settings were read at (or the one the caller set as the original value), so a
    /// change made meanwhile is refused, never overwritten.
    /// </summary>
    public static async Task<CollectionEdit<IoTSettings>> UpdateAsync(
        IoTSettings settings, SettingsWrite write, FieldlinkDbContext db, CommandMessageNames commandMessageNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(commandMessageNames);
        var errors = new FieldErrors();
        await ValidateAsync(write, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return new CollectionEdit<IoTSettings>(null, errors.ToDictionary(), null);
        }

        Apply(write, settings);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CollectionEdit<IoTSettings>(null, null, ApiProblems.PreconditionFailed("settings"));
        }

        commandMessageNames.Invalidate();
        return new CollectionEdit<IoTSettings>(settings, null, null);
    }

    /// <summary>Adds what is wrong with <paramref name="write"/>, naming each field.</summary>
    public static async Task ValidateAsync(SettingsWrite write, FieldErrors errors, FieldlinkDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(errors);
        await References.CheckAsync<ProviderInstance>(db, errors, "defaultProviderInstanceId", write.DefaultProviderInstanceId, "provider instance", ct);
        var fields = write.AlertGroupingFields ?? [];
        foreach (var field in fields.Where(f => !AlertGroupingField.All.Contains(f)))
        {
            errors.Add("alertGroupingFields", $"'{field}' is not one of: {string.Join(", ", AlertGroupingField.All)}.");
        }

        if (fields.Distinct().Count() != fields.Count)
        {
            errors.Add("alertGroupingFields", "A field is listed twice.");
        }

        if (write.AlertGroupingWindow is not { } window || window <= TimeSpan.Zero || window > MaxWindow)
        {
            errors.Add("alertGroupingWindow", "The window must be more than zero and at most P7D.");
        }

        if (write.ScheduledPullInterval is not { } interval || interval < MinPullInterval)
        {
            errors.Add("scheduledPullInterval", "The interval must be at least PT1M.");
        }

        errors.Required("commandNameProperty", write.CommandNameProperty, 100);
        errors.Required("commandParametersProperty", write.CommandParametersProperty, 100);
    }

    private static void Apply(SettingsWrite write, IoTSettings settings)
    {
        settings.DefaultProviderInstanceId = write.DefaultProviderInstanceId;
        settings.AlertGroupingEnabled = write.AlertGroupingEnabled ?? true;
        settings.AlertGroupingFields = [.. write.AlertGroupingFields ?? []];
        settings.AlertGroupingWindow = write.AlertGroupingWindow!.Value;
        settings.AutoPullOnAlert = write.AutoPullOnAlert ?? true;
        settings.ScheduledPullsEnabled = write.ScheduledPullsEnabled ?? false;
        settings.ScheduledPullInterval = write.ScheduledPullInterval!.Value;
        settings.CommandNameProperty = write.CommandNameProperty!.Trim();
        settings.CommandParametersProperty = write.CommandParametersProperty!.Trim();
    }
}
