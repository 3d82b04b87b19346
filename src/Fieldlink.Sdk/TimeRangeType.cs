namespace Fieldlink.Sdk;

/// <summary>The time an aggregate looks back over.</summary>
public enum TimeRangeType
{
    /// <summary>The last N hours.</summary>
    Hours,

    /// <summary>The last N days.</summary>
    Days,

    /// <summary>Only the latest reading.</summary>
    Latest,
}
