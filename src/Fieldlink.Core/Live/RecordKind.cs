namespace Fieldlink.Core.Live;

/// <summary>The kinds of record a page can watch for changes.</summary>
public enum RecordKind
{
    Alert,
    Command,
    Device,
    Case,
    WorkOrder,

    /// <summary>
    /// A device's readings: a stored telemetry batch names each of its devices (<see cref="RecordChange.Any(RecordKind, Guid?)"/>,
    /// readings have no ids), so a device's page reloads its tiles and chart.
    /// </summary>
    Reading,

    /// <summary>A provider instance was created, changed or deleted: the connectors' host reopens it.</summary>
    ProviderInstance,

    /// <summary>A process's connection state of a provider instance changed.</summary>
    InstanceConnection,

    /// <summary>
    /// A provider was created, changed or deleted: the connectors' host reopens its instances when its connector changed
    /// (an instance is open with the connector its provider named when it opened).
    /// </summary>
    Provider,

    /// <summary>An API key was created, changed or revoked: every process drops the keys it remembers (<c>ApiKeyCache</c>).</summary>
    ApiKey,

    /// <summary>The IoT settings changed: every process reads them again (<c>SettingsCache</c>).</summary>
    Settings,
}
