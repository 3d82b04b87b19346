using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>
/// The customer assets, by name, with their account, registration status and rollups (open parent alerts, last alert,
/// last command), paged and sorted in the database through the API's collection query layer.
/// </summary>
public sealed partial class AssetsPage
{
    private MudDataGrid<AssetRow>? _grid;
    private string? _search;
    private bool _openAlertsOnly;
    private bool _loaded;

    [Inject]
    private AssetList AssetList { get; set; } = default!;

    private bool Filtered => _openAlertsOnly || !string.IsNullOrWhiteSpace(_search);

    private async Task<GridData<AssetRow>> LoadAsync(GridState<AssetRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await AssetList.LoadAsync(new AssetListQuery
        {
            Search = _search,
            WithOpenAlertsOnly = _openAlertsOnly,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? false,
            Page = state.Page,
            PageSize = state.PageSize,
        }, ct);
        _loaded = true;
        return page.ToGridData();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task OpenAlertsOnlyChanged(bool only)
    {
        _openAlertsOnly = only;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();
}
