namespace Fieldlink.Core.Live;

/// <summary>The kinds of record a page can watch for changes.</summary>
public enum RecordKind
{
    Alert,
    Command,
    Device,
    Case,
    WorkOrder,
}
