namespace Fieldlink.Server.Api.Devices;

/// <summary>A measure of a device category: its name, unit and optional low/high alert thresholds.</summary>
public sealed record MeasureWrite(string? Name, string? Unit, double? Low, double? High);
