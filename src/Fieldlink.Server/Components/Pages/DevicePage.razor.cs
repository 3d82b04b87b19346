using System.Globalization;
using Fieldlink.Core.Live;
using Fieldlink.Server.Api.Actions;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Interop;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// A device: its summary tiles, its facts and reported properties, its readings chart (buckets folded in the database,
/// events as pins, a zoom that asks again at a finer interval), its command history, its registration and data-pull
/// histories, and register, pull and send a command for a Dispatcher. A <see cref="LiveWatch"/> on the device's commands,
/// alerts, cases and work orders reloads the history and the tiles.
/// </summary>
public sealed partial class DevicePage : IDisposable
{
    /// <summary>The most pins listed under the chart (the newest); the chart shows them all.</summary>
    private const int MaxPinsListed = 50;

    private readonly IList<ITrace> _traces = [];
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private readonly Plotly.Blazor.Layout _layout = new();
    private PlotlyChart? _plot;
    private DeviceFacts? _facts;
    private bool _notFound;
    private bool _busy;
    private IReadOnlyCollection<string> _measures = [];
    private ChartRange _range = ChartRange.Last24Hours;
    private string? _customFrom;
    private string? _customTo;
    private ChartSpan? _zoom;
    private bool _zoomed;
    private ChartData? _chart;
    private string? _chartError;
    private bool _chartLoading;
    private bool _interactive;

    /// <summary>Whether a button may act: the page is live (a prerendered click would be lost) and no action is running.</summary>
    private bool CanAct => _interactive && !_busy;
    private CancellationTokenSource? _chartLoad;
    private MudDataGrid<CommandRead>? _commands;
    private MudDataGrid<RegistrationRead>? _registrations;
    private MudDataGrid<DeviceDataRead>? _pulls;
    private SummaryTiles? _tiles;
    private LiveWatch? _watch;
    private bool _commandsLoaded;
    private bool _registrationsLoaded;
    private bool _pullsLoaded;
    private Guid _loadedId;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private DeviceDetails Details { get; set; } = default!;

    [Inject]
    private DeviceHistory History { get; set; } = default!;

    [Inject]
    private ReadingsChart Readings { get; set; } = default!;

    [Inject]
    private DeviceActions Actions { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

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

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedId == Id && (_facts is not null || _notFound))
        {
            return;
        }

        _loadedId = Id;
        Watch();
        _facts = await Details.LoadAsync(Id, CancellationToken.None);
        _notFound = _facts is null;
        _measures = _facts is null ? [] : [.. _facts.Measures.Take(2).Select(m => m.Name)];
        _zoom = null;
        _zoomed = false;
        if (_interactive)
        {
            await LoadChartAsync();
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

        await LoadChartAsync();
        if (_plot is not null)
        {
            // After the first drawing is queued: plotly.js can only attach handlers to a plot it has drawn.
            await _plot.SubscribeClickEvent();
            await _plot.SubscribeRelayoutEvent();
        }

        StateHasChanged();
    }

    private ChartSpan Span() => _zoom ?? (_range == ChartRange.Custom && CustomSpan() is { } custom ? custom : ChartSpan.Last(_range == ChartRange.Custom ? ChartRange.Last24Hours : _range, Clock.GetUtcNow()));

    private ChartSpan? CustomSpan()
    {
        var from = ChartTraces.ParseTime(_customFrom, TimeZone.Zone);
        var to = ChartTraces.ParseTime(_customTo, TimeZone.Zone);
        return from is { } start && to is { } end && end > start ? ChartSpan.Between(start, end) : null;
    }

    private async Task LoadChartAsync()
    {
        if (_facts is null)
        {
            return;
        }

        if (_chartLoad is not null)
        {
            await _chartLoad.CancelAsync();
            _chartLoad.Dispose();
        }

        var load = _chartLoad = new CancellationTokenSource();
        var span = Span();
        var measures = _facts.Measures.Where(m => _measures.Contains(m.Name)).ToList();
        _chartLoading = true;
        _chartError = null;
        StateHasChanged();
        try
        {
            var result = await Readings.LoadAsync(Id, span, measures, TimeZone.Zone, load.Token);
            if (load.IsCancellationRequested)
            {
                return;
            }

            _chartError = result.Error;
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
                _chartLoading = false;
            }
        }

        StateHasChanged();
        if (_plot is not null)
        {
            await _plot.React();
        }
    }

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
            _zoomed = zoom is not null;
            await LoadChartAsync();
        });
    }

    private Task ResetZoomAsync()
    {
        _zoom = null;
        _zoomed = false;
        return LoadChartAsync();
    }

    private Task MeasuresChanged(IEnumerable<string>? measures)
    {
        _measures = [.. measures ?? []];
        return LoadChartAsync();
    }

    private Task RangeChanged(ChartRange range)
    {
        _range = range;
        _zoom = null;
        _zoomed = false;
        if (range == ChartRange.Custom)
        {
            // Start from the span shown, in the person's clock, to be edited.
            var shown = _chart?.Span ?? ChartSpan.Last(ChartRange.Last24Hours, Clock.GetUtcNow());
            _customFrom ??= Local(shown.From);
            _customTo ??= Local(shown.To);
            return Task.CompletedTask;
        }

        return LoadChartAsync();
    }

    private Task ApplyCustomAsync()
    {
        if (CustomSpan() is null)
        {
            Snackbar.Add("Give a from and a to, the from earlier than the to.", Severity.Warning);
            return Task.CompletedTask;
        }

        _zoom = null;
        _zoomed = false;
        return LoadChartAsync();
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

    private async Task RunAsync(DeviceAction action)
    {
        _busy = true;
        try
        {
            var report = await Actions.RunAsync(action, await Access.PersonAsync(), [Id], CancellationToken.None);
            var failure = report.Failures.Count > 0 ? report.Failures[0] : null;
            Snackbar.Add(failure?.Detail is { } why ? $"{report.Summary} {why}" : report.Summary, report.HasFailures ? Severity.Error : Severity.Success);
            _facts = await Details.LoadAsync(Id, CancellationToken.None) ?? _facts;
            await ReloadGridsAsync();
            await LoadChartAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadGridsAsync()
    {
        foreach (var reload in new[] { _commands?.ReloadServerData(), _registrations?.ReloadServerData(), _pulls?.ReloadServerData() })
        {
            if (reload is not null)
            {
                await reload;
            }
        }
    }

    private async Task<GridData<CommandRead>> LoadCommandsAsync(GridState<CommandRead> state, CancellationToken ct)
    {
        var page = (await History.CommandsAsync(Id, state.Page, state.PageSize, ct)).ToGridData();
        _commandsLoaded = true;
        return page;
    }

    private async Task<GridData<RegistrationRead>> LoadRegistrationsAsync(GridState<RegistrationRead> state, CancellationToken ct)
    {
        var page = (await History.RegistrationsAsync(Id, state.Page, state.PageSize, ct)).ToGridData();
        _registrationsLoaded = true;
        return page;
    }

    private async Task<GridData<DeviceDataRead>> LoadPullsAsync(GridState<DeviceDataRead> state, CancellationToken ct)
    {
        var page = (await History.DataPullsAsync(Id, state.Page, state.PageSize, ct)).ToGridData();
        _pullsLoaded = true;
        return page;
    }

    /// <summary>
    /// Watches this device's commands, alerts and the device itself, and cases and work orders (which name no device):
    /// what the command history, the facts and the tiles show.
    /// </summary>
    private void Watch()
    {
        _watch?.Dispose();
        var filter = LiveFilter.Of(RecordKind.Command, RecordKind.Device, RecordKind.Alert, RecordKind.Case, RecordKind.WorkOrder).ForDevices(Id);
        _watch = Live.Watch(filter, changes => InvokeAsync(() => ReloadLiveAsync(changes)));
    }

    private async Task ReloadLiveAsync(IReadOnlyList<RecordChange> changes)
    {
        var id = Id;
        if (changes.Any(c => c.Kind is RecordKind.Command or RecordKind.Device) && _commands is not null)
        {
            await _commands.ReloadServerData();
        }

        if (changes.Any(c => c.Kind == RecordKind.Device && c.Id == id))
        {
            // The device itself, its registration or a data pull: its facts and those histories.
            _facts = await Details.LoadAsync(id, CancellationToken.None) ?? _facts;
            if (_registrations is not null)
            {
                await _registrations.ReloadServerData();
            }

            if (_pulls is not null)
            {
                await _pulls.ReloadServerData();
            }
        }

        if (_tiles is not null)
        {
            await _tiles.ReloadAsync();
        }

        StateHasChanged();
    }

    /// <summary>Opens the send-command form for this device; the history shows the command once it is queued.</summary>
    private async Task SendCommandAsync()
    {
        var dialog = await SendCommandDialog.ShowAsync(Dialogs, CommandTarget.Device(Id), title: $"Send a command to {_facts?.Name ?? "the device"}");
        var result = await dialog.Result;
        if (result is { Canceled: false } && _commands is not null)
        {
            await _commands.ReloadServerData();
        }
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _chartLoad?.Cancel();
        _chartLoad?.Dispose();
    }
}
