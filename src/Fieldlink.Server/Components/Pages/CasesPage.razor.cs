using Fieldlink.Core.Cases;
using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The cases, newest first, with the status, priority and text filters; paged and sorted in the database.</summary>
public sealed partial class CasesPage
{
    private MudDataGrid<CaseRow>? _grid;
    private CaseStatus? _status;
    private CasePriority? _priority;
    private string? _search;
    private bool _loaded;

    [Inject]
    private CaseList Cases { get; set; } = default!;

    private bool Filtered => _status is not null || _priority is not null || !string.IsNullOrWhiteSpace(_search);

    private async Task<GridData<CaseRow>> LoadAsync(GridState<CaseRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Cases.LoadAsync(new CaseListQuery
        {
            Status = _status,
            Priority = _priority,
            Search = _search,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        }, ct);
        _loaded = true;
        return page.ToGridData();
    }

    private Task StatusChanged(CaseStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task PriorityChanged(CasePriority? priority)
    {
        _priority = priority;
        return ReloadAsync();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();
}
