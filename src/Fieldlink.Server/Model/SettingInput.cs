namespace Fieldlink.Server.Model;

/// <summary>The input a provider instance's form shows for one connector setting (<see cref="InstanceSettingField"/>).</summary>
public enum SettingInput
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>Text that must be an absolute URL (the browser's URL keyboard and check).</summary>
    Url,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A number that may have a fraction.</summary>
    Number,

    /// <summary>An on/off switch.</summary>
    Switch,

    /// <summary>One of the setting's choices (an enumeration).</summary>
    Choice,

    /// <summary>A write-only setting: shown as set or not set, replaced only on request, never read back.</summary>
    Secret,

    /// <summary>A JSON document, typed as text.</summary>
    Json,
}
