namespace Fieldlink.Core.Connectors;

/// <summary>What the API shows of a connector: its key, name, actions and settings schema.</summary>
/// <param name="Key">The key providers name it by.</param>
/// <param name="DisplayName">The name people see.</param>
/// <param name="Description">What it connects to.</param>
/// <param name="Actions">The actions its instances support (<see cref="ConnectorAction"/> names).</param>
/// <param name="CustomActions">The custom actions its instances answer.</param>
/// <param name="Settings">Its instances' settings.</param>
/// <param name="Source">Where it comes from: <c>built-in</c>, or the plugin file it was loaded from.</param>
public sealed record ConnectorDescriptor(
    string Key,
    string DisplayName,
    string? Description,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> CustomActions,
    IReadOnlyList<ConnectorSetting> Settings,
    string Source);
