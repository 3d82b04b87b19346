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
}
