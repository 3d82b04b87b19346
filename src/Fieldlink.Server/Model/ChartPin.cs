namespace Fieldlink.Server.Model;

/// <summary>
/// One of the device's events on the chart's time axis: when, what (the event's words), its kind ("alert", "case",
/// "workOrder", "command", "registration", "deviceData"), its colour, and the page of its record when it has one.
/// </summary>
public sealed record ChartPin(DateTimeOffset Time, string Kind, string Description, string Color, string? Href);
