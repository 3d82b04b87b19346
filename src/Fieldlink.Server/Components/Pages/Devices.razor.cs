using Fieldlink.Sdk;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// The devices list: every device with its registration status, connection state, last activity, provider instance,
/// customer asset and category, filtered, sorted and paged in the database through the API's collection query layer
/// (<see cref="DeviceList"/>); a Dispatcher registers a selection or pulls its data (<see cref="DeviceActions"/>), or
/// sends it a command (<see cref="SendCommandDialog"/>).
/// </summary>
public sealed partial class Devices
{
    private MudDataGrid<DeviceRow>? _grid;
    private string? _search;
    private RegistrationStatus? _registration;
    private ConnectionState? _connection;
    private Guid? _instance;
    private IReadOnlyList<NamedRecord> _instances = [];
    private HashSet<DeviceRow> _selected = [];
    private DeviceActionReport? _report;
    private bool _loaded;
    private bool _busy;
    private bool _mayAct;

    [Inject]
    private DeviceList DeviceList { get; set; } = default!;

    [Inject]
    private DeviceActions Actions { get; set; } = default!;

    [Inject]
    private PersonAccess Access { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool Filtered => _registration is not null || _connection is not null || _instance is not null || !string.IsNullOrWhiteSpace(_search);

    protected override async Task OnInitializedAsync()
    {
        _mayAct = await Access.MayAsync(AuthPolicies.Dispatch);
        _instances = await DeviceList.InstancesAsync(CancellationToken.None);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await TimeZone.LearnOnceAsync(JS))
        {
            StateHasChanged();
        }
    }

    private async Task<GridData<DeviceRow>> LoadAsync(GridState<DeviceRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await DeviceList.LoadAsync(new DeviceListQuery
        {
            Search = _search,
            RegistrationStatus = _registration,
            ConnectionState = _connection,
            ProviderInstanceId = _instance,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? false,
            Page = state.Page,
            PageSize = state.PageSize,
        }, ct);
        _loaded = true;
        return page.ToGridData();
    }

    private void SelectionChanged(HashSet<DeviceRow> selected) => _selected = selected;

    private async Task RunAsync(DeviceAction action)
    {
        _busy = true;
        try
        {
            var person = await Access.PersonAsync();
            _report = await Actions.RunAsync(action, person, [.. _selected.Select(d => d.Id)], CancellationToken.None);
            Snackbar.Add(_report.Summary, _report.HasFailures ? (_report.SucceededCount > 0 ? Severity.Warning : Severity.Error) : Severity.Success);
            if (_report.Refusal is null)
            {
                _selected = [];
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SendCommandAsync()
    {
        var ids = _selected.Select(d => d.Id).ToList();
        var title = ids.Count == 1 ? $"Send a command to {_selected.First().Name}" : $"Send a command to {ids.Count} devices";
        var dialog = await SendCommandDialog.ShowAsync(Dialogs, CommandTarget.Devices(ids), title: title);
        if (await dialog.Result is { Canceled: false })
        {
            _selected = [];
            await ReloadAsync();
        }
    }

    private string InstanceName(Guid? id) => _instances.FirstOrDefault(i => i.Id == id)?.Name ?? string.Empty;

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task RegistrationChanged(RegistrationStatus? status)
    {
        _registration = status;
        return ReloadAsync();
    }

    private Task ConnectionChanged(ConnectionState? state)
    {
        _connection = state;
        return ReloadAsync();
    }

    private Task InstanceChanged(Guid? instance)
    {
        _instance = instance;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();
}
