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

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// A device: its summary tiles, its facts and reported properties, its readings chart (<see cref="ReadingsChartPanel"/>),
/// its command history, its registration and data-pull histories, and register, pull and send a command for a Dispatcher.
/// A <see cref="LiveWatch"/> on the device's commands, alerts, readings, cases and work orders reloads the history, the
/// tiles and a chart that ends now (throttled: at most one reload per interval, however fast telemetry arrives).
/// </summary>
public sealed partial class DevicePage : IDisposable
{
    private DeviceFacts? _facts;
    private bool _notFound;
    private bool _busy;
    private bool _interactive;

    /// <summary>Whether a button may act: the page is live (a prerendered click would be lost) and no action is running.</summary>
    private bool CanAct => _interactive && !_busy;
    private ReadingsChartPanel? _chart;
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
    private ISnackbar Snackbar { get; set; } = default!;

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
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _interactive = true;
        await TimeZone.LearnOnceAsync(JS);
        StateHasChanged();
    }

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
            if (_chart is not null)
            {
                await _chart.ReloadAsync();
            }
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
    /// Watches this device's commands, alerts, readings and the device itself, and cases and work orders (which name no
    /// device): what the command history, the facts, the tiles and the chart show.
    /// </summary>
    private void Watch()
    {
        _watch?.Dispose();
        var filter = LiveFilter.Of(RecordKind.Command, RecordKind.Device, RecordKind.Alert, RecordKind.Case, RecordKind.WorkOrder, RecordKind.Reading).ForDevices(Id);
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

        // New readings (or events, its pins) add to a chart that ends now; a zoomed or custom span stays as it is.
        if (_chart is { ShowsNow: true } && changes.Any(c => c.Kind is RecordKind.Reading or RecordKind.Alert or RecordKind.Case or RecordKind.WorkOrder))
        {
            await _chart.ReloadAsync();
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
    }
}
