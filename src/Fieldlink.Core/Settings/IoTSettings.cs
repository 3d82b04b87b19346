using Fieldlink.Core.Data;

namespace Fieldlink.Core.Settings;

/// <summary>The one row of IoT settings. Defaults follow the reference system.</summary>
public sealed class IoTSettings : Entity
{
    /// <summary>The id of the single settings row.</summary>
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-000000000001");

    /// <summary>The instance a device is created in when none is given. Default: none.</summary>
    public Guid? DefaultProviderInstanceId { get; set; }

    /// <summary>Whether repeats of an alert are grouped under a parent. Default: on.</summary>
    public bool AlertGroupingEnabled { get; set; } = true;

    /// <summary>
    /// Which fields must match for an alert to join an earlier one (<see cref="AlertGroupingField"/> names);
    /// empty means the device alone decides, as in the reference. Default: empty.
    /// </summary>
    public List<string> AlertGroupingFields { get; set; } = [];

    /// <summary>How close in time two alerts must be to group. Default: 5 minutes.</summary>
    public TimeSpan AlertGroupingWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a new parent alert pulls its device's data. Default: on.</summary>
    public bool AutoPullOnAlert { get; set; } = true;

    /// <summary>Whether devices' data is pulled on a schedule. Default: off.</summary>
    public bool ScheduledPullsEnabled { get; set; }

    /// <summary>How often scheduled pulls run. Default: 1 hour.</summary>
    public TimeSpan ScheduledPullInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The property that carries a command's name. Default: <c>CommandName</c>.</summary>
    public string CommandNameProperty { get; set; } = "CommandName";

    /// <summary>The property that carries a command's parameters. Default: <c>Parameters</c>.</summary>
    public string CommandParametersProperty { get; set; } = "Parameters";
}
