using System.Globalization;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// The query options of one retrieve or retrieve-multiple, parsed by the OData library against
/// <see cref="DataverseModel"/>: <c>$select</c>, <c>$filter</c>, <c>$orderby</c>, <c>$top</c>, <c>$count</c>,
/// <c>$expand</c> of lookups, and the <c>$skiptoken</c> of a next link. What the Web API offers beyond that is refused
/// by name (400).
/// </summary>
public sealed class DataverseQuery
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "$select", "$filter", "$orderby", "$top", "$count", "$expand", "$skiptoken",
    };

    private FilterClause? _filter;
    private OrderByClause? _orderBy;

    /// <summary>The columns $select named, or null for all.</summary>
    public IReadOnlyList<string>? Select { get; private set; }

    /// <summary>The lookups $expand named, each with the columns of its own $select (null for all).</summary>
    public IReadOnlyList<(string Navigation, IReadOnlyList<string>? Select)> Expand { get; private set; } = [];

    public int? Top { get; private set; }

    public bool Count { get; private set; }

    public int Skip { get; private set; }

    /// <summary>The query options of <paramref name="query"/> for <paramref name="table"/>, or the 400 naming the option at fault.</summary>
    public static (DataverseQuery? Query, DataverseAnswer? Error) Parse(DataverseTable table, IReadOnlyDictionary<string, string> query)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Keys.FirstOrDefault(k => k.StartsWith('$') && !Known.Contains(k)) is { } unknown)
        {
            return (null, DataverseAnswer.Invalid($"The query parameter {unknown} is not supported. Page with the Prefer: odata.maxpagesize header and @odata.nextLink."));
        }

        var model = DataverseModel.Instance;
        var set = model.EntityContainer.FindEntitySet(table.EntitySet);
        var options = query.Where(q => q.Key is "$filter" or "$orderby" or "$select" or "$expand").ToDictionary(q => q.Key, q => q.Value);
        var parser = new ODataQueryOptionParser(model, set.EntityType, set, options);
        var result = new DataverseQuery();
        try
        {
            result._filter = parser.ParseFilter();
            result._orderBy = parser.ParseOrderBy();
            var selectExpand = parser.ParseSelectAndExpand();
            result.Select = Selected(selectExpand);
            result.Expand = selectExpand?.SelectedItems.OfType<ExpandedNavigationSelectItem>()
                .Select(e => (((NavigationPropertySegment)e.PathToNavigationProperty.LastSegment).NavigationProperty.Name, (IReadOnlyList<string>?)Selected(e.SelectAndExpand)))
                .ToList() ?? [];
        }
        catch (ODataException ex)
        {
            return (null, DataverseAnswer.Invalid(ex.Message));
        }

        if (query.TryGetValue("$top", out var top))
        {
            if (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (null, DataverseAnswer.Invalid($"The value '{top}' of $top is not a whole number of 0 or more."));
            }

            result.Top = value;
        }

        if (query.TryGetValue("$count", out var count))
        {
            if (!bool.TryParse(count, out var value))
            {
                return (null, DataverseAnswer.Invalid($"The value '{count}' of $count must be true or false."));
            }

            result.Count = value;
        }

        if (query.TryGetValue("$skiptoken", out var token))
        {
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
            {
                return (null, DataverseAnswer.Invalid("The $skiptoken is not one this service gave in an @odata.nextLink."));
            }

            result.Skip = skip;
        }

        return (result, null);
    }

    /// <summary>Applies $filter.</summary>
    public IQueryable<TEntity> Filter<TEntity>(IQueryable<TEntity> source) =>
        _filter is null ? source : (IQueryable<TEntity>)new DataverseFilterBinder().ApplyBind(source, _filter, Context<TEntity>());

    /// <summary>Orders by $orderby, else <paramref name="defaultOrder"/>, always ending on the id so pages are stable.</summary>
    public IOrderedQueryable<TEntity> Order<TEntity>(IQueryable<TEntity> source, Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> defaultOrder)
        where TEntity : Core.Data.Entity
    {
        ArgumentNullException.ThrowIfNull(defaultOrder);
        var ordered = _orderBy is null
            ? defaultOrder(source)
            : (IOrderedQueryable<TEntity>)new DataverseOrderByBinder().ApplyBind(source, _orderBy, Context<TEntity>(), alreadyOrdered: false);
        return ordered.ThenBy(e => e.Id);
    }

    private static QueryBinderContext Context<TEntity>() =>
        new(DataverseModel.Instance, new ODataQuerySettings { HandleNullPropagation = HandleNullPropagationOption.False, EnsureStableOrdering = false }, typeof(TEntity));

    private static List<string>? Selected(SelectExpandClause? clause)
    {
        if (clause is null || clause.AllSelected)
        {
            return null;
        }

        var names = clause.SelectedItems.OfType<PathSelectItem>().Select(p => p.SelectedPath.LastSegment.Identifier).ToList();
        return names.Count == 0 ? null : names;
    }
}
