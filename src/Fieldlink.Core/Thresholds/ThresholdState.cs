namespace Fieldlink.Core.Thresholds;

/// <summary>Where a device's measure stands against its category's thresholds.</summary>
public enum ThresholdState
{
    /// <summary>Inside the thresholds (or back inside them by at least the hysteresis).</summary>
    Normal,

    /// <summary>Went below the low threshold and has not come back above low + hysteresis since.</summary>
    BelowLow,

    /// <summary>Went above the high threshold and has not come back to high - hysteresis or below since.</summary>
    AboveHigh,
}
