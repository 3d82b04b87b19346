using Fieldlink.Core.Alerts;
using Fieldlink.Core.Live;
using Fieldlink.Sdk;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// The home page: every provider's parent alerts, newest first, paged and sorted in the database through the API's
/// collection query layer (<see cref="AlertList"/>), with the status, type and text filters.
/// </summary>
public sealed partial class Alerts : IDisposable
{
    private MudDataGrid<AlertRow>? _grid;
    private AlertStatus? _status;
    private AlertType? _type;
    private string? _search;
    private bool _loaded;

    [Inject]
    private AlertList AlertList { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    // Live: an alert stored anywhere, or a row's change, reloads the grid's current page with its sort and filters.
    private LiveWatch? _live;

    [Inject]
    private LiveWatches Live { get; set; } = default!;

    protected override void OnInitialized() => _live = Live.Watch(LiveFilter.Of(RecordKind.Alert), _ => InvokeAsync(ReloadAsync));

    public void Dispose() => _live?.Dispose();

    private bool Filtered => _status is not null || _type is not null || !string.IsNullOrWhiteSpace(_search);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !TimeZone.IsKnown)
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/time-zone.js");
            TimeZone.Set(await module.InvokeAsync<string?>("timeZone"));
            StateHasChanged();
        }
    }

    private async Task<GridData<AlertRow>> LoadAsync(GridState<AlertRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await AlertList.LoadAsync(new AlertListQuery
        {
            Status = _status,
            Type = _type,
            Search = _search,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        }, ct);
        _loaded = true;
        return new GridData<AlertRow> { Items = page.Rows, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
    }

    private Task StatusChanged(AlertStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task TypeChanged(AlertType? type)
    {
        _type = type;
        return ReloadAsync();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();

    private static Color StatusColor(AlertStatus status) => status switch
    {
        AlertStatus.Active => Color.Error,
        AlertStatus.InProgress => Color.Warning,
        _ => Color.Default,
    };
}
