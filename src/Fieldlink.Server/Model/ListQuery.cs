using System.Globalization;

namespace Fieldlink.Server.Model;

/// <summary>
/// What a list page asks for — its filters, a text search, the grid's sort and page — written as the OData query options
/// the API's collections read (<c>$filter</c>, <c>$orderby</c>, <c>$skip</c>, <c>$top</c>, <c>$count</c>), so the page and
/// the API filter and page through the same code (<see cref="Api.Collections.CollectionQuery"/>).
/// </summary>
public abstract record ListQuery
{
    /// <summary>Text to find in the list's searchable fields; case is ignored.</summary>
    public string? Search { get; init; }

    /// <summary>The row property the grid sorts by (null: the collection's default order), and whether descending.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>The grid columns that sort in the database: the row property the grid names, to the API's field.</summary>
    protected abstract IReadOnlyDictionary<string, string> SortFields { get; }

    /// <summary>The API fields <see cref="Search"/> looks in.</summary>
    protected abstract IReadOnlyList<string> SearchFields { get; }

    /// <summary>Whether the grid may sort by the column of this row property.</summary>
    public bool CanSortBy(string property) => SortFields.ContainsKey(property);

    /// <summary>The query options: every filter and the search, joined by <c>and</c>; the order; the page; a count.</summary>
    public Dictionary<string, string> ToQueryOptions()
    {
        var filters = Filters().ToList();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Literal(Search.Trim().ToLowerInvariant());
            filters.Add($"({string.Join(" or ", SearchFields.Select(f => $"contains(tolower({f}),{text})"))})");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["$skip"] = (Math.Max(Page, 0) * PageSize).ToString(CultureInfo.InvariantCulture),
            ["$top"] = PageSize.ToString(CultureInfo.InvariantCulture),
            ["$count"] = "true",
        };
        if (filters.Count > 0)
        {
            options["$filter"] = string.Join(" and ", filters);
        }

        if (SortBy is not null && SortFields.TryGetValue(SortBy, out var field))
        {
            options["$orderby"] = Descending ? $"{field} desc" : field;
        }

        return options;
    }

    /// <summary>The list's own filters, in OData (the search is added to them).</summary>
    protected abstract IEnumerable<string> Filters();

    /// <summary>An OData string literal: quoted, with its quotes doubled.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }
}
