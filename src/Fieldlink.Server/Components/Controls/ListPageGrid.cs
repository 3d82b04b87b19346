using Fieldlink.Server.Model;
using MudBlazor;

namespace Fieldlink.Server.Components.Controls;

/// <summary>A list's page as a MudBlazor grid's server data.</summary>
public static class ListPageGrid
{
    /// <summary>The page's rows and total (a total past <see cref="int.MaxValue"/> is shown as that).</summary>
    public static GridData<TRow> ToGridData<TRow>(this ListPage<TRow> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new GridData<TRow> { Items = page.Rows, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
    }
}
