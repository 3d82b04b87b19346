namespace Fieldlink.Core.Ingestion;

/// <summary>What became of one ingested item.</summary>
public enum IngestionStatus
{
    /// <summary>Stored.</summary>
    Stored,

    /// <summary>Well-formed, but its <c>deviceId</c> is no device of the provider instance; nothing was stored.</summary>
    UnknownDevice,

    /// <summary>Refused for the reasons in its errors; nothing of it was stored.</summary>
    Invalid,

    /// <summary>An alert, stored as a new alert (a parent, or a child of an earlier alert's group).</summary>
    Created,

    /// <summary>An alert whose token the provider instance already sent: the earlier alert stands, nothing was stored.</summary>
    Duplicate,
}
