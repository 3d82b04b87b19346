namespace Fieldlink.Core.Devices;

/// <summary>What a summary tile counts or folds: a measure's readings, or one kind of event of the device.</summary>
public enum TileSource
{
    /// <summary>The readings of the tile's measure.</summary>
    Measure,

    /// <summary>The device's alerts (by alert time).</summary>
    Alerts,

    /// <summary>The cases opened for the device's alerts (by creation time).</summary>
    Cases,

    /// <summary>The work orders opened for the device's alerts (by creation time).</summary>
    WorkOrders,
}
