namespace Fieldlink.Core.Live;

/// <summary>The kinds of record a page can watch for changes.</summary>
public enum RecordKind
{
    Alert,
    Command,
    Device,
    Case,
    WorkOrder,

    /// <summary>A provider instance was created, changed or deleted: the connectors' host reopens it.</summary>
    ProviderInstance,

    /// <summary>A process's connection state of a provider instance changed.</summary>
    InstanceConnection,
}
