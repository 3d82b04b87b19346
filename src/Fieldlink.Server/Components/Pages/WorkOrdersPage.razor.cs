using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The work orders, newest first, with the status and text filters; paged and sorted in the database.</summary>
public sealed partial class WorkOrdersPage
{
    private MudDataGrid<WorkOrderRow>? _grid;
    private WorkOrderStatus? _status;
    private string? _search;
    private bool _loaded;

    [Inject]
    private WorkOrderList WorkOrders { get; set; } = default!;

    private bool Filtered => _status is not null || !string.IsNullOrWhiteSpace(_search);

    private async Task<GridData<WorkOrderRow>> LoadAsync(GridState<WorkOrderRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await WorkOrders.LoadAsync(new WorkOrderListQuery
        {
            Status = _status,
            Search = _search,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        }, ct);
        _loaded = true;
        return page.ToGridData();
    }

    private Task StatusChanged(WorkOrderStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();
}
