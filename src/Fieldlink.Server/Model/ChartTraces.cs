using System.Globalization;
using Fieldlink.Sdk;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Fieldlink.Server.Model;

/// <summary>
/// Shapes a device's reading buckets and events into Plotly traces. Per measure: the bucket maxima (an invisible
/// line), the minima filled up to them (the min–max band), and the averages as a line on top; a bucket missing between
/// two others breaks the line only when the gap is long (a device silent for a while), not when the device merely reports
/// less often than the interval. Then one trace of pins per kind of event, on an axis of
/// their own (0 to 1, hidden) so they sit along the top of the plot whatever the readings' scale. Times are written in
/// the person's zone, as Plotly shows a date string as it is.
/// </summary>
public static class ChartTraces
{
    /// <summary>Where on their own 0–1 axis the pins sit: near the top, clear of the plot's edge.</summary>
    public const double PinHeight = 0.96;

    /// <summary>How many usual steps between two buckets make a gap that breaks the line.</summary>
    public const int GapFactor = 5;

    /// <summary>The axis of the pins.</summary>
    public const string PinAxis = "y3";

    /// <summary>The colours of the measures, in turn (Material's 800 shades, readable on white).</summary>
    private static readonly string[] Palette = ["#1565C0", "#2E7D32", "#EF6C00", "#6A1B9A", "#00838F", "#AD1457", "#4E342E", "#37474F"];

    public static ChartData Build(
        ChartSpan span,
        IReadOnlyList<ChartMeasure> measures,
        IReadOnlyDictionary<string, IReadOnlyList<ReadingBucket>> buckets,
        IReadOnlyList<DeviceEventSeries> events,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(zone);

        var traces = new List<ITrace>();
        var hasReadings = false;
        for (var i = 0; i < measures.Count; i++)
        {
            var measure = measures[i];
            var rows = buckets.GetValueOrDefault(measure.Name) ?? [];
            hasReadings |= rows.Count > 0;
            var color = Palette[i % Palette.Length];
            // The second unit gets the right-hand axis; a third shares it.
            var axis = i == 0 || Unit(measures[0]) == Unit(measure) ? "y" : "y2";
            var (x, min, avg, max) = Columns(rows, span.Interval, zone);
            traces.Add(new Scatter
            {
                Name = $"{measure.Name} max",
                X = x,
                Y = max,
                YAxis = axis,
                Mode = ModeFlag.Lines,
                Line = new Line { Width = 0, Color = color },
                LegendGroup = measure.Name,
                ShowLegend = false,
                HoverTemplate = $"{Escape(measure.Name)} max %{{y}}<extra></extra>",
            });
            traces.Add(new Scatter
            {
                Name = $"{measure.Name} min",
                X = x,
                Y = min,
                YAxis = axis,
                Mode = ModeFlag.Lines,
                Fill = FillEnum.ToNextY,
                FillColor = Translucent(color),
                Line = new Line { Width = 0, Color = color },
                LegendGroup = measure.Name,
                ShowLegend = false,
                HoverTemplate = $"{Escape(measure.Name)} min %{{y}}<extra></extra>",
            });
            traces.Add(new Scatter
            {
                Name = measure.Label,
                X = x,
                Y = avg,
                YAxis = axis,
                Mode = ModeFlag.Lines,
                Line = new Line { Width = 2, Color = color },
                LegendGroup = measure.Name,
                HoverTemplate = $"{Escape(measure.Name)} average %{{y}}<extra></extra>",
            });
        }

        var pins = new List<ChartPin>();
        var pinTraces = new Dictionary<int, IReadOnlyList<ChartPin>>();
        foreach (var series in events)
        {
            var seriesPins = series.Events.OrderBy(e => e.Timestamp).Select(Pin).ToList();
            if (seriesPins.Count == 0)
            {
                continue;
            }

            pinTraces[traces.Count] = seriesPins;
            pins.AddRange(seriesPins);
            traces.Add(new Scatter
            {
                Name = series.Name,
                X = [.. seriesPins.Select(p => (object)Time(p.Time, zone))],
                Y = [.. seriesPins.Select(_ => (object)PinHeight)],
                YAxis = PinAxis,
                Mode = ModeFlag.Markers,
                Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleDown, Size = 14, Color = seriesPins.Select(p => (object)p.Color).ToList() },
                HoverTemplate = "%{customdata}<extra></extra>",
                CustomData = [.. seriesPins.Select(p => (object)p.Description)],
            });
        }

        return new ChartData(span, traces, [.. pins.OrderBy(p => p.Time)], pinTraces, hasReadings, [.. measures.Select(m => m.Name)]);
    }

    /// <summary>
    /// The chart's layout: a date axis over exactly the span (so zooming out shows the whole of it, and a zoom can be
    /// read back), the first unit's axis on the left, a second unit's on the right, and the pins' hidden 0–1 axis.
    /// </summary>
    public static Layout Layout(ChartSpan span, IReadOnlyList<ChartMeasure> measures, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(measures);
        var second = measures.Skip(1).FirstOrDefault(m => Unit(m) != Unit(measures[0]));
        return new Layout
        {
            AutoSize = true,
            Height = 380,
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 56, R = second is null ? 16 : 56, T = 16, B = 40 },
            HoverMode = Plotly.Blazor.LayoutLib.HoverModeEnum.Closest,
            ShowLegend = true,
            Legend = [new Plotly.Blazor.LayoutLib.Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.15m }],
            XAxis =
            [
                new Plotly.Blazor.LayoutLib.XAxis
                {
                    Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
                    Range = [Time(span.From, zone), Time(span.To, zone)],
                },
            ],
            YAxis =
            [
                new Plotly.Blazor.LayoutLib.YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = measures.Count > 0 ? Unit(measures[0]) ?? measures[0].Name : null } },
                new Plotly.Blazor.LayoutLib.YAxis
                {
                    Overlaying = "y",
                    Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right,
                    ShowGrid = false,
                    Visible = second is not null,
                    Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = second is null ? null : Unit(second) },
                },
                new Plotly.Blazor.LayoutLib.YAxis { Overlaying = "y", Range = [0, 1], Visible = false, FixedRange = true },
            ],
        };
    }

    /// <summary>The page of an event's record, for the kinds that have one.</summary>
    public static string? Href(DeviceEvent pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (pin.RecordId is not { } id)
        {
            return null;
        }

        return pin.Entity switch
        {
            "alert" => $"/alerts/{id}",
            "case" => $"/cases/{id}",
            "workOrder" => $"/workorders/{id}",
            _ => null,
        };
    }

    /// <summary>A time as the chart's axis reads it: the person's clock, to the millisecond, without a zone.</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A time the chart's axis gave (a zoom's edge, in the person's clock) as an instant, or null when unreadable.</summary>
    public static DateTimeOffset? ParseTime(object? value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = value?.ToString();
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A clock time that does not exist (skipped at a change to summer time) is read an hour later.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static ChartPin Pin(DeviceEvent e) => new(e.Timestamp, e.Entity, e.Description, e.Color, Href(e));

    /// <summary>
    /// The bucket columns. A gap of more than <see cref="GapFactor"/> times the usual step between buckets (the
    /// interval, or the device's reporting period when it reports less often) becomes a null point, which breaks the
    /// line: a device that was silent for a while is not drawn as if it had reported.
    /// </summary>
    private static (List<object> X, List<object> Min, List<object> Avg, List<object> Max) Columns(IReadOnlyList<ReadingBucket> rows, TimeSpan interval, TimeZoneInfo zone)
    {
        var ordered = rows.OrderBy(b => b.Timestamp).ToList();
        var steps = ordered.Zip(ordered.Skip(1), (a, b) => b.Timestamp - a.Timestamp).Order().ToList();
        var usual = steps.Count == 0 ? interval : steps[steps.Count / 2];
        var gap = (usual > interval ? usual : interval) * GapFactor;
        var x = new List<object>(ordered.Count);
        var min = new List<object>(ordered.Count);
        var avg = new List<object>(ordered.Count);
        var max = new List<object>(ordered.Count);
        DateTimeOffset? previous = null;
        foreach (var bucket in ordered)
        {
            if (previous is { } last && bucket.Timestamp - last > gap)
            {
                x.Add(Time(last + interval, zone));
                min.Add(null!);
                avg.Add(null!);
                max.Add(null!);
            }

            x.Add(Time(bucket.Timestamp, zone));
            min.Add(bucket.Min);
            avg.Add(bucket.Avg);
            max.Add(bucket.Max);
            previous = bucket.Timestamp;
        }

        return (x, min, avg, max);
    }

    private static string? Unit(ChartMeasure measure) => string.IsNullOrWhiteSpace(measure.Unit) ? null : measure.Unit;

    /// <summary>A hex colour at a fifth of its strength, for a band behind its line.</summary>
    private static string Translucent(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},0.2)";

    /// <summary>A measure's name inside a hover template, which Plotly reads as HTML.</summary>
    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
