using System.Globalization;
using Fieldlink.Server.Api.OData;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// The OData query options of one collection request, parsed by the OData library against <see cref="ODataModel"/>
/// and applied to an EF Core query, so filtering, ordering, counting and paging run in the database.
/// </summary>
public sealed partial class CollectionQuery
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "$filter", "$orderby", "$top", "$skip", "$count", "$select", "$expand",
    };

    private const string AliasesUnsupported = "Parameter aliases (@name) are not supported: write the value itself, e.g. name eq 'x'.";

    private FilterClause? _filter;
    private OrderByClause? _orderBy;

    public int? Top { get; private set; }

    public bool HasFilter => _filter is not null;

    public bool HasOrder => _orderBy is not null;

    public bool HasFilterOrOrder => _filter is not null || _orderBy is not null;

    public int Skip { get; private set; }

    public bool Count { get; private set; }

    /// <summary>The fields $select asked for, or null for all.</summary>
    public IReadOnlyList<string>? Select { get; private set; }

    /// <summary>$select and $expand as the OData library parsed them, when $expand is given.</summary>
    public SelectExpandClause? SelectExpand { get; private set; }

    /// <summary>The query options inside an <c>$expand</c> of a collection (<c>children($filter=...;$top=5)</c>), already parsed.</summary>
    public static CollectionQuery Nested(ExpandedNavigationSelectItem expanded)
    {
        ArgumentNullException.ThrowIfNull(expanded);
        return new CollectionQuery
        {
            _filter = expanded.FilterOption,
            _orderBy = expanded.OrderByOption,
            Top = expanded.TopOption is { } top ? (int)Math.Min(top, int.MaxValue) : null,
            Skip = expanded.SkipOption is { } skip ? (int)Math.Min(skip, int.MaxValue) : 0,
        };
    }

    /// <summary>Reads the query options of <paramref name="request"/>; the errors name each option at fault.</summary>
    public static CollectionQuery Parse<TEntity>(HttpRequest request, string collection, IReadOnlyCollection<string> selectable, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse<TEntity>(request.Query, collection, selectable, errors);
    }

    /// <summary>
    /// Reads query options given as a query string's values: the API passes its request's, a page of the web app the
    /// ones it builds from a grid's state, so both filter and page through this one implementation.
    /// </summary>
    public static CollectionQuery Parse<TEntity>(IQueryCollection request, string collection, IReadOnlyCollection<string> selectable, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var query = new CollectionQuery();
        foreach (var key in request.Keys.Where(k => k.StartsWith('$') && !Known.Contains(k)))
        {
            errors.Add(key, $"The query option '{key}' is not supported here.");
        }

        var model = ODataModel.Instance;
        var entityType = ODataModel.TypeOf(collection);
        var entitySet = model.EntityContainer.FindEntitySet(collection);
        var options = new Dictionary<string, string>();
        if (Text(request, "$filter") is { } filterText)
        {
            options["$filter"] = filterText;
            TimeArithmetic(filterText, "$filter", errors);
        }

        if (Text(request, "$orderby") is { } orderByText)
        {
            options["$orderby"] = orderByText;
            TimeArithmetic(orderByText, "$orderby", errors);
        }

        if (Text(request, "$expand") is { } expandText)
        {
            options["$expand"] = expandText;
            if (Text(request, "$select") is { } selectText)
            {
                options["$select"] = selectText;
            }
        }

        // Parameter aliases ($filter=name eq @p&@p='x') are parsed, so the parser can tell they are used, then refused.
        foreach (var (key, values) in request.Where(q => q.Key.StartsWith('@')))
        {
            options[key] = values[^1] ?? string.Empty;
        }

        var parser = new ODataQueryOptionParser(model, entityType, entitySet, options)
        {
            Resolver = new StringAsEnumResolver { EnableCaseInsensitive = true },
        };
        query._filter = Try(errors, "$filter", parser.ParseFilter);
        if (query._filter is not null && parser.ParameterAliasNodes.Count > 0)
        {
            errors.Add("$filter", AliasesUnsupported);
            query._filter = null;
        }

        var aliases = parser.ParameterAliasNodes.Count;
        query._orderBy = Try(errors, "$orderby", parser.ParseOrderBy);
        if (query._orderBy is not null && parser.ParameterAliasNodes.Count > aliases)
        {
            errors.Add("$orderby", AliasesUnsupported);
            query._orderBy = null;
        }

        if (QueryableFields.Refusal(query._filter?.Expression) is { } filterRefusal)
        {
            errors.Add("$filter", filterRefusal);
        }

        if (QueryableFields.Refusal(query._orderBy) is { } orderRefusal)
        {
            errors.Add("$orderby", orderRefusal);
        }

        if (options.ContainsKey("$expand"))
        {
            query.SelectExpand = Try(errors, "$expand", parser.ParseSelectAndExpand);
            ODataExpansion.Check(collection, query.SelectExpand, errors);
        }

        query.Top = Whole(request, "$top", errors);
        query.Skip = Whole(request, "$skip", errors) ?? 0;
        if (Text(request, "$count") is { } count)
        {
            if (bool.TryParse(count, out var value))
            {
                query.Count = value;
            }
            else
            {
                errors.Add("$count", "$count must be true or false.");
            }
        }

        if (Text(request, "$select") is { } select)
        {
            var fields = select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var field in fields.Where(f => !selectable.Contains(f)))
            {
                errors.Add("$select", $"'{field}' is not a field of {collection}.");
            }

            query.Select = fields;
        }

        return query;
    }

    /// <summary>Applies $filter.</summary>
    public IQueryable<TEntity> Filter<TEntity>(IQueryable<TEntity> source)
    {
        return _filter is null ? source : (IQueryable<TEntity>)new FilterBinder().ApplyBind(source, _filter, Context<TEntity>());
    }

    /// <summary>
    /// Orders by $orderby or else <paramref name="defaultOrder"/>, always ending on the id so pages are stable; the id
    /// descending when <paramref name="idDescending"/>, for a caller reading an order backwards (a late page from its end).
    /// </summary>
    public IOrderedQueryable<TEntity> Order<TEntity>(IQueryable<TEntity> filtered, Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> defaultOrder, bool idDescending = false)
        where TEntity : Core.Data.Entity
    {
        ArgumentNullException.ThrowIfNull(defaultOrder);
        var ordered = _orderBy is null
            ? defaultOrder(filtered)
            : (IOrderedQueryable<TEntity>)new OrderByBinder().ApplyBind(filtered, _orderBy, Context<TEntity>(), alreadyOrdered: false);
        return idDescending ? ordered.ThenByDescending(e => e.Id) : ordered.ThenBy(e => e.Id);
    }

    private static QueryBinderContext Context<TEntity>()
    {
        // Null propagation is the database's job: SQL comparisons with NULL are already false.
        var settings = new ODataQuerySettings { HandleNullPropagation = HandleNullPropagationOption.False, EnsureStableOrdering = false };
        return new QueryBinderContext(ODataModel.Instance, settings, typeof(TEntity));
    }

    /// <summary>
    /// Refuses what one database can evaluate and the other cannot (SQLite keeps times as numbers), so a query answers
    /// the same on both: functions that take a time apart, and durations (time arithmetic).
    /// </summary>
    private static void TimeArithmetic(string expression, string option, FieldErrors errors)
    {
        var outsideLiterals = QuotedLiteral().Replace(expression, "''");
        if (TimeFunction().Match(outsideLiterals) is { Success: true } function)
        {
            errors.Add(option, $"{function.Groups[1].Value}() is not supported: compare the time itself instead, e.g. createdAt ge 2026-01-01T00:00:00Z and createdAt lt 2027-01-01T00:00:00Z.");
        }
        else if (DurationLiteral().IsMatch(outsideLiterals))
        {
            errors.Add(option, "Durations and arithmetic on times are not supported: compare with a time itself, e.g. createdAt ge 2026-01-01T00:00:00Z.");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("'(?:[^']|'')*'")]
    private static partial System.Text.RegularExpressions.Regex QuotedLiteral();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(year|month|day|hour|minute|second|fractionalseconds|date|time|totaloffsetminutes|totalseconds)\s*\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex TimeFunction();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bduration\s*''", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DurationLiteral();

    private static string? Text(IQueryCollection request, string name) =>
        request.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1] : null;

    private static int? Whole(IQueryCollection request, string name, FieldErrors errors)
    {
        if (Text(request, name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(name, $"{name} must be a whole number of 0 or more.");
        return null;
    }

    private static T? Try<T>(FieldErrors errors, string option, Func<T> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (ODataException ex)
        {
            errors.Add(option, ex.Message);
            return null;
        }
    }
}
