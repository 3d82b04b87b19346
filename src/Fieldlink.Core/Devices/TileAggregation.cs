namespace Fieldlink.Core.Devices;

/// <summary>How a summary tile folds what falls in its window into one value.</summary>
public enum TileAggregation
{
    Average,
    Min,
    Max,
    Sum,
    Count,

    /// <summary>The latest reading in the window.</summary>
    Latest,
}
