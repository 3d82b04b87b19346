using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Controls;

/// <summary>
/// What the lists of cases, work orders, customer assets and accounts share, so each page says only what is its own: the
/// filters (as its <see cref="ListQuery"/> and their inputs) and the columns. This control adds the search, the sort
/// and the page to the page's query, loads it, and says "Loading…", "No … yet." or "No … matches these filters.".
/// </summary>
public sealed partial class RecordList<T, TQuery>
    where TQuery : ListQuery
{
    private MudDataGrid<T>? _grid;
    private string? _search;
    private bool _loaded;
    private bool _filtered;

    /// <summary>The heading, e.g. "Work orders" (also the grid's accessible name).</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>One record, in a sentence: "work order".</summary>
    [Parameter, EditorRequired]
    public string One { get; set; } = "";

    /// <summary>The search box's label, naming what it looks in.</summary>
    [Parameter, EditorRequired]
    public string SearchLabel { get; set; } = "Search";

    /// <summary>The grid's test id.</summary>
    [Parameter]
    public string? TestId { get; set; }

    /// <summary>The page's filters as it has them now (the search, sort and page are added here).</summary>
    [Parameter, EditorRequired]
    public Func<TQuery> Query { get; set; } = default!;

    /// <summary>Loads one page of the list (the page's list view model).</summary>
    [Parameter, EditorRequired]
    public Func<TQuery, CancellationToken, Task<ListPage<T>>> Load { get; set; } = default!;

    /// <summary>Whether the list's first order is descending (newest first), as its column's InitialDirection says.</summary>
    [Parameter]
    public bool NewestFirst { get; set; }

    /// <summary>The page's own filter inputs, shown after the search; each calls <see cref="ReloadAsync"/> when changed.</summary>
    [Parameter]
    public RenderFragment? Filters { get; set; }

    /// <summary>The grid's columns.</summary>
    [Parameter, EditorRequired]
    public RenderFragment Columns { get; set; } = default!;

    private string Plural => Title.ToLowerInvariant();

    /// <summary>Loads the first page again, after a filter changed.</summary>
    public Task ReloadAsync() => _grid is null ? Task.CompletedTask : _grid.ReloadServerData();

    private async Task<GridData<T>> LoadAsync(GridState<T> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        // A with-expression keeps the page's query type (a record's copy is virtual).
        var query = (TQuery)(((ListQuery)Query()) with
        {
            Search = _search,
            SortBy = sort?.SortBy,
            Descending = sort?.Descending ?? NewestFirst,
            Page = state.Page,
            PageSize = state.PageSize,
        });
        var page = await Load(query, ct);
        _filtered = query.ToQueryOptions().ContainsKey("$filter");
        _loaded = true;
        return page.ToGridData();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }
}
