using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The accounts, by name, paged and sorted in the database through the API's collection query layer.</summary>
public sealed partial class AccountsPage
{
    private MudDataGrid<AccountRow>? _grid;
    private string? _search;
    private bool _loaded;

    [Inject]
    private AccountList Accounts { get; set; } = default!;

    private async Task<GridData<AccountRow>> LoadAsync(GridState<AccountRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Accounts.LoadAsync(new AccountListQuery
        {
            Search = _search,
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
        return _grid is null ? Task.CompletedTask : _grid.ReloadServerData();
    }
}
