using Plotly.Blazor;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the readings chart draws: the Plotly traces (per measure its min–max band and its average line, then the pins
/// of each kind of event), the pins themselves in time order, and which trace holds which pins, so a click on a pin
/// finds its record.
/// </summary>
public sealed class ChartData
{
    private readonly Dictionary<int, IReadOnlyList<ChartPin>> _pinTraces;

    public ChartData(ChartSpan span, IList<ITrace> traces, IReadOnlyList<ChartPin> pins, Dictionary<int, IReadOnlyList<ChartPin>> pinTraces, bool hasReadings, IReadOnlyList<string> measures)
    {
        Span = span;
        Traces = traces;
        Pins = pins;
        _pinTraces = pinTraces;
        HasReadings = hasReadings;
        Measures = measures;
    }

    public ChartSpan Span { get; }

    public IList<ITrace> Traces { get; }

    /// <summary>Every pin in the span, oldest first.</summary>
    public IReadOnlyList<ChartPin> Pins { get; }

    /// <summary>Whether any measure has a reading in the span (otherwise the page says so).</summary>
    public bool HasReadings { get; }

    /// <summary>The measures drawn.</summary>
    public IReadOnlyList<string> Measures { get; }

    /// <summary>The pin a click on point <paramref name="point"/> of trace <paramref name="trace"/> hit, or null when it hit a reading.</summary>
    public ChartPin? PinAt(int trace, int point) =>
        _pinTraces.TryGetValue(trace, out var pins) && point >= 0 && point < pins.Count ? pins[point] : null;
}
