namespace Fieldlink.Server.Api.Devices;

/// <summary>
/// A measure of a device category: its name, unit, optional low/high alert thresholds, and the hysteresis of those
/// thresholds (absolute, at least 0; null for the default, 5% of high - low, or of the one threshold set).
/// </summary>
public sealed record MeasureWrite(string? Name, string? Unit, double? Low, double? High, double? Hysteresis = null);
