using System.Globalization;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Interop;

namespace Fieldlink.Server.Components.Controls;

/// <summary>
/// A device's readings chart, its measure picker and span, and its event pins (in the chart and listed under it). The
/// view models do the work: <see cref="ReadingsChart"/> loads the buckets and events, <see cref="ChartSpan"/> picks the
/// interval, <see cref="ChartTraces"/> shapes the traces; this control holds the person's choices and the Plotly chart.
/// </summary>
public sealed partial class ReadingsChartPanel : IDisposable
{
    /// <summary>The most pins listed under the chart (the newest); the chart shows them all.</summary>
    private const int MaxPinsListed = 50;

    private readonly IList<ITrace> _traces = [];
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private readonly Plotly.Blazor.Layout _layout = new();
    private PlotlyChart? _plot;
    private Guid _deviceId;
    private IReadOnlyCollection<string> _measures = [];
    private ChartRange _range = ChartRange.Last24Hours;
    private string? _customFrom;
    private string? _customTo;
    private ChartSpan? _zoom;
    private ChartData? _chart;
    private string? _error;
    private bool _loading;
    private bool _interactive;
    private CancellationTokenSource? _load;

    /// <summary>The device whose readings are drawn: its id and its measures (the first two are drawn to start with).</summary>
    [Parameter, EditorRequired]
    public DeviceFacts Device { get; set; } = default!;

    [Inject]
    private ReadingsChart Readings { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>
    /// Whether the chart shows a span that ends now (the last hour … 30 days, not zoomed, not a custom span): only such
    /// a chart has anything to add when new readings arrive.
    /// </summary>
    public bool ShowsNow => _zoom is null && _range != ChartRange.Custom;

    protected override async Task OnParametersSetAsync()
    {
        ArgumentNullException.ThrowIfNull(Device);
        if (Device.Id == _deviceId)
        {
            return;
        }

        // Another device (the page's id changed): its measures, the default span.
        _deviceId = Device.Id;
        _measures = [.. Device.Measures.Take(2).Select(m => m.Name)];
        _zoom = null;
        if (_interactive)
        {
            await ReloadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _interactive = true;
        await TimeZone.LearnOnceAsync(JS);
        await ReloadAsync();
        if (_plot is not null)
        {
            // After the first drawing is queued: plotly.js can only attach handlers to a plot it has drawn.
            await _plot.SubscribeClickEvent();
            await _plot.SubscribeRelayoutEvent();
        }
    }

    /// <summary>Reads the chosen measures and events of the span shown again (after an action, or when readings arrived).</summary>
    public async Task ReloadAsync()
    {
        if (!_interactive)
        {
            return;
        }

        if (_load is not null)
        {
            await _load.CancelAsync();
            _load.Dispose();
        }

        var load = _load = new CancellationTokenSource();
        var span = Span();
        var measures = Device.Measures.Where(m => _measures.Contains(m.Name)).ToList();
        _loading = true;
        _error = null;
        StateHasChanged();
        try
        {
            var result = await Readings.LoadAsync(Device.Id, span, measures, TimeZone.Zone, load.Token);
            if (load.IsCancellationRequested)
            {
                return;
            }

            _error = result.Error;
            _chart = result.Data;
            _traces.Clear();
            foreach (var trace in result.Data?.Traces ?? [])
            {
                _traces.Add(trace);
            }

            // The chart holds this one layout: its parts change, so the chart is told by React below.
            var layout = ChartTraces.Layout(span, measures, TimeZone.Zone);
            _layout.XAxis = layout.XAxis;
            _layout.YAxis = layout.YAxis;
            _layout.Margin = layout.Margin;
            _layout.Legend = layout.Legend;
            _layout.Height = layout.Height;
            _layout.AutoSize = layout.AutoSize;
            _layout.HoverMode = layout.HoverMode;
            _layout.ShowLegend = layout.ShowLegend;
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            if (!load.IsCancellationRequested)
            {
                _loading = false;
            }
        }

        StateHasChanged();
        if (_plot is not null)
        {
            await _plot.React();
        }
    }

    private ChartSpan Span() => _zoom ?? (_range == ChartRange.Custom && CustomSpan() is { } custom ? custom : ChartSpan.Last(_range == ChartRange.Custom ? ChartRange.Last24Hours : _range, Clock.GetUtcNow()));

    private ChartSpan? CustomSpan()
    {
        var from = ChartTraces.ParseTime(_customFrom, TimeZone.Zone);
        var to = ChartTraces.ParseTime(_customTo, TimeZone.Zone);
        return from is { } start && to is { } end && end > start ? ChartSpan.Between(start, end) : null;
    }

    /// <summary>A click on a pin (plotly.js's click event, through Plotly.Blazor's interop) opens the pin's record.</summary>
    private void PinClicked(IEnumerable<EventDataPoint> points)
    {
        var point = points.FirstOrDefault();
        if (point is null || _chart is null || !int.TryParse(point.CurveNumber?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var curve)
            || !int.TryParse(point.PointNumber?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            return;
        }

        if (_chart.PinAt(curve, index)?.Href is { } href)
        {
            _ = InvokeAsync(() => Navigation.NavigateTo(href));
        }
    }

    /// <summary>A zoom (Plotly's box or scroll) asks the database again for the zoomed span at a finer interval; a double click zooms back out.</summary>
    private void Zoomed(RelayoutEventData data)
    {
        ChartSpan? zoom = null;
        if (data.XRange is { Length: 2 } range
            && ChartTraces.ParseTime(range[0], TimeZone.Zone) is { } from
            && ChartTraces.ParseTime(range[1], TimeZone.Zone) is { } to
            && to > from)
        {
            zoom = ChartSpan.Between(from, to);
        }
        else if (data.RawData?.Keys.Any(k => k.StartsWith("xaxis.autorange", StringComparison.Ordinal)) != true)
        {
            return;
        }

        // Redrawing the same span (our own layout coming back) is not a zoom.
        if (zoom is not null && _chart?.Span is { } shown && Math.Abs((zoom.From - shown.From).Ticks) <= shown.Interval.Ticks
            && Math.Abs((zoom.To - shown.To).Ticks) <= shown.Interval.Ticks)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            _zoom = zoom;
            await ReloadAsync();
        });
    }

    private Task ResetZoomAsync()
    {
        _zoom = null;
        return ReloadAsync();
    }

    private Task MeasuresChanged(IEnumerable<string>? measures)
    {
        _measures = [.. measures ?? []];
        return ReloadAsync();
    }

    private Task RangeChanged(ChartRange range)
    {
        _range = range;
        _zoom = null;
        if (range == ChartRange.Custom)
        {
            // Start from the span shown, in the person's clock, to be edited.
            var shown = _chart?.Span ?? ChartSpan.Last(ChartRange.Last24Hours, Clock.GetUtcNow());
            _customFrom ??= Local(shown.From);
            _customTo ??= Local(shown.To);
            return Task.CompletedTask;
        }

        return ReloadAsync();
    }

    private Task ApplyCustomAsync()
    {
        if (CustomSpan() is null)
        {
            Snackbar.Add("Give a from and a to, the from earlier than the to.", Severity.Warning);
            return Task.CompletedTask;
        }

        _zoom = null;
        return ReloadAsync();
    }

    private string Local(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, TimeZone.Zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string RangeName(ChartRange range) => range switch
    {
        ChartRange.LastHour => "Last hour",
        ChartRange.Last24Hours => "Last 24 hours",
        ChartRange.Last7Days => "Last 7 days",
        ChartRange.Last30Days => "Last 30 days",
        _ => "Custom",
    };

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
    }
}
