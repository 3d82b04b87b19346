using Fieldlink.Sdk;
using Fieldlink.Server.Model;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Fieldlink.Web.Tests.Model;

/// <summary>Buckets and events shaped into Plotly traces: per measure a min–max band and an average line, then the pins.</summary>
public sealed class ChartTracesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly ChartSpan Span = new(Start, Start.AddHours(1), TimeSpan.FromMinutes(15));
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static ReadingBucket Bucket(int quarter, double min, double avg, double max) =>
        new(Start.AddMinutes(15 * quarter), min, max, avg, avg * 3, 3);

    [Fact]
    public void Each_measure_is_a_band_from_min_to_max_under_its_average_line()
    {
        var data = ChartTraces.Build(
            Span,
            [new ChartMeasure("temperature", "°C")],
            new Dictionary<string, IReadOnlyList<ReadingBucket>> { ["temperature"] = [Bucket(0, 19, 20, 21), Bucket(1, 20, 21.5, 23)] },
            [],
            Berlin);

        var traces = data.Traces.Cast<Scatter>().ToList();
        Assert.Equal(3, traces.Count);
        var (max, min, avg) = (traces[0], traces[1], traces[2]);

        Assert.Equal([21.0, 23.0], max.Y.Cast<double>());
        Assert.Equal(0m, max.Line.Width);
        Assert.False(max.ShowLegend);

        Assert.Equal([19.0, 20.0], min.Y.Cast<double>());
        Assert.Equal(FillEnum.ToNextY, min.Fill);
        Assert.Equal("rgba(21,101,192,0.2)", min.FillColor);

        Assert.Equal("temperature (°C)", avg.Name);
        Assert.Equal([20.0, 21.5], avg.Y.Cast<double>());
        Assert.Equal(ModeFlag.Lines, avg.Mode);
        Assert.Equal(2m, avg.Line.Width);

        // Times in the person's clock: 08:00 UTC is 09:00 in Berlin in November.
        Assert.Equal(["2026-11-30 09:00:00.000", "2026-11-30 09:15:00.000"], avg.X.Cast<string>());
        Assert.All(traces, t => Assert.Equal(avg.X, t.X));
        Assert.True(data.HasReadings);
    }

    [Fact]
    public void A_long_silence_breaks_the_lines_but_readings_sparser_than_the_interval_do_not()
    {
        // Readings every 20 minutes in 5-minute buckets: one bucket in four, drawn as one line; then 3 hours of silence.
        var span = new ChartSpan(Start, Start.AddHours(6), TimeSpan.FromMinutes(5));
        ReadingBucket At(int minutes, double value) => new(Start.AddMinutes(minutes), value, value, value, value, 1);
        var data = ChartTraces.Build(
            span,
            [new ChartMeasure("humidity", "%")],
            new Dictionary<string, IReadOnlyList<ReadingBucket>> { ["humidity"] = [At(0, 41), At(20, 42), At(40, 43), At(60, 44), At(240, 51)] },
            [],
            TimeZoneInfo.Utc);

        var avg = (Scatter)data.Traces[2];
        Assert.Equal(
            ["2026-11-30 08:00:00.000", "2026-11-30 08:20:00.000", "2026-11-30 08:40:00.000", "2026-11-30 09:00:00.000", "2026-11-30 09:05:00.000", "2026-11-30 12:00:00.000"],
            avg.X.Cast<string>());
        Assert.Equal([41.0, 42.0, 43.0, 44.0, null, 51.0], avg.Y.Select(y => (double?)y));
    }

    [Fact]
    public void A_second_unit_gets_the_right_hand_axis_and_a_measure_without_readings_draws_empty_lines()
    {
        var data = ChartTraces.Build(
            Span,
            [new ChartMeasure("temperature", "°C"), new ChartMeasure("humidity", "%"), new ChartMeasure("supply", "°C")],
            new Dictionary<string, IReadOnlyList<ReadingBucket>> { ["temperature"] = [Bucket(0, 19, 20, 21)] },
            [],
            TimeZoneInfo.Utc);

        var traces = data.Traces.Cast<Scatter>().ToList();
        Assert.Equal(9, traces.Count);
        Assert.Equal(["y", "y", "y", "y2", "y2", "y2", "y", "y", "y"], traces.Select(t => t.YAxis));
        Assert.Empty(traces[5].Y);
        Assert.Equal(["temperature", "humidity", "supply"], data.Measures);

        var layout = ChartTraces.Layout(Span, [new ChartMeasure("temperature", "°C"), new ChartMeasure("humidity", "%")], TimeZoneInfo.Utc);
        Assert.Equal("°C", layout.YAxis[0].Title.Text);
        Assert.Equal("%", layout.YAxis[1].Title.Text);
        Assert.True(layout.YAxis[1].Visible);
        Assert.Equal(["2026-11-30 08:00:00.000", "2026-11-30 09:00:00.000"], layout.XAxis[0].Range.Cast<string>());
    }

    [Fact]
    public void Events_are_pins_on_their_own_axis_and_a_click_on_one_finds_its_record()
    {
        var alert = Guid.NewGuid();
        var workOrder = Guid.NewGuid();
        var registration = Guid.NewGuid();
        var data = ChartTraces.Build(
            Span,
            [new ChartMeasure("temperature", null)],
            new Dictionary<string, IReadOnlyList<ReadingBucket>>(),
            [
                new DeviceEventSeries("Alerts", [new DeviceEvent(Start.AddMinutes(10), "#AD1457", "Alert (Anomaly): too hot", alert.ToString(), "alert", RecordId: alert)]),
                new DeviceEventSeries("Registrations", [new DeviceEvent(Start.AddMinutes(5), "#2E7D32", "Registration: Registered", registration.ToString(), "registration", RecordId: registration)]),
                new DeviceEventSeries("Data pulls", []),
                new DeviceEventSeries("Work orders",
                [
                    new DeviceEvent(Start.AddMinutes(40), "#E65100", "Work order completed", "WO-000002", "workOrder", RecordId: workOrder),
                    new DeviceEvent(Start.AddMinutes(20), "#FF6300", "Work order created", "WO-000002", "workOrder", RecordId: workOrder),
                ]),
            ],
            TimeZoneInfo.Utc);

        Assert.False(data.HasReadings);
        // Three traces for the measure, then one per kind of event that has any (no trace for the empty data pulls).
        var pins = data.Traces.Skip(3).Cast<Scatter>().ToList();
        Assert.Equal(["Alerts", "Registrations", "Work orders"], pins.Select(p => p.Name));
        Assert.All(pins, p => Assert.Equal(ChartTraces.PinAxis, p.YAxis));
        Assert.All(pins, p => Assert.Equal(ModeFlag.Markers, p.Mode));
        Assert.All(pins.SelectMany(p => p.Y), y => Assert.Equal(ChartTraces.PinHeight, y));
        Assert.Equal(["2026-11-30 08:20:00.000", "2026-11-30 08:40:00.000"], pins[2].X.Cast<string>());
        Assert.Equal(new object[] { "#FF6300", "#E65100" }, (IEnumerable<object>)pins[2].Marker.Color);
        Assert.Equal(["Work order created", "Work order completed"], pins[2].CustomData.Cast<string>());

        Assert.Equal($"/alerts/{alert}", data.PinAt(3, 0)!.Href);
        Assert.Null(data.PinAt(4, 0)!.Href);
        Assert.Equal("Work order completed", data.PinAt(5, 1)!.Description);
        Assert.Equal($"/workorders/{workOrder}", data.PinAt(5, 1)!.Href);
        Assert.Null(data.PinAt(2, 0));
        Assert.Null(data.PinAt(5, 2));

        Assert.Equal(["registration", "alert", "workOrder", "workOrder"], data.Pins.Select(p => p.Kind));
    }

    [Theory]
    [InlineData("case", "/cases/")]
    [InlineData("workOrder", "/workorders/")]
    [InlineData("alert", "/alerts/")]
    [InlineData("command", null)]
    [InlineData("deviceData", null)]
    public void A_pin_links_to_the_page_of_its_record_when_there_is_one(string entity, string? prefix)
    {
        var id = Guid.NewGuid();
        Assert.Equal(prefix is null ? null : prefix + id, ChartTraces.Href(new DeviceEvent(Start, "#000000", "x", "x", entity, RecordId: id)));
    }

    [Fact]
    public void A_zooms_edges_in_the_persons_clock_are_read_back_as_instants()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero), ChartTraces.ParseTime("2026-11-30 09:15", Berlin));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 30, 500, TimeSpan.Zero), ChartTraces.ParseTime("2026-11-30 09:15:30.5", Berlin));
        Assert.Equal(Start, ChartTraces.ParseTime(ChartTraces.Time(Start, Berlin), Berlin));
        Assert.Null(ChartTraces.ParseTime("yesterday-ish", Berlin));
        Assert.Null(ChartTraces.ParseTime(null, Berlin));
    }
}
