using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.OData;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OData;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// The OData list every collection answers (<c>GET /devices</c>, a device's commands, an alert's children...):
/// <c>$filter</c>, <c>$orderby</c>, <c>$top</c>, <c>$skip</c>, <c>$count</c> and <c>$select</c>, paged with a next link.
/// </summary>
public static class CollectionList
{
    /// <summary>What a client is told when the database cannot run its query, instead of the ORM's text.</summary>
    public const string Untranslatable = "The query uses a function or arithmetic the database cannot evaluate here; functions that take a time apart (year, month, day, hour, minute, second, date, time) never can. Compare the time itself instead, e.g. createdAt ge 2026-01-01T00:00:00Z and createdAt lt 2027-01-01T00:00:00Z.";

    /// <summary>Answers an OData list of <paramref name="source"/> (a collection, or part of one such as a device's commands).</summary>
    public static async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync<TEntity, TRead>(
        ReadResource<TEntity, TRead> resource, IQueryable<TEntity> source, HttpContext http, ApiOptions paging, CancellationToken ct)
        where TEntity : Entity
        where TRead : class
    {
        var errors = new FieldErrors();
        var query = CollectionQuery.Parse<TEntity>(http.Request, resource.Collection, FieldNames.Of<TRead>(), errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var pageSize = Math.Min(query.Top ?? paging.MaxPageSize, ODataAnswer.PageSize(http, paging.MaxPageSize));
        try
        {
            ArgumentNullException.ThrowIfNull(source);
            var filtered = query.Filter(source.AsNoTracking());
            long? count = query.Count ? await filtered.LongCountAsync(ct) : null;

            // One more than a page tells whether there is a next one without a second query.
            var rows = await query.Order(filtered, resource.DefaultOrder).Skip(query.Skip).Take(pageSize + 1).ToListAsync(ct);
            var more = rows.Count > pageSize && (query.Top is null || query.Top > pageSize);
            var page = new JsonObject { ["@odata.context"] = ODataAnswer.Context(http.Request, resource.Collection, query.SelectExpand, query.Select) };
            if (count is not null)
            {
                page["@odata.count"] = count;
            }

            var items = rows.Take(pageSize).Select(r => ((Entity)r, Shape(resource.ToRead(r), query.Select))).ToList();
            if (query.SelectExpand is { } expand)
            {
                await ODataExpansion.ApplyAsync(resource.Collection, expand, items, http.RequestServices, http.RequestServices.GetRequiredService<FieldlinkDbContext>(), paging.MaxPageSize, ct);
            }

            page["value"] = new JsonArray(items.Select(i => (JsonNode?)i.Item2).ToArray());
            if (more)
            {
                page["@odata.nextLink"] = NextLink(http.Request, query.Skip + pageSize, query.Top - pageSize);
            }

            return TypedResults.Json(page, ApiJson.Options);
        }
        catch (Exception ex) when (ex is ODataException or InvalidOperationException or NotSupportedException or ArgumentException && (query.HasFilterOrOrder || query.SelectExpand is not null))
        {
            // EF Core's "could not be translated" text names its own expression types; the client is told in the API's words.
            errors.Add(query.HasFilter ? "$filter" : query.HasOrder ? "$orderby" : "$expand", ex is ODataException
                ? $"The query cannot be evaluated: {ex.Message}"
                : Untranslatable);
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
    }

    private static JsonObject Shape<TRead>(TRead read, IReadOnlyList<string>? select)
    {
        var node = JsonSerializer.SerializeToNode(read, ApiJson.Options)!.AsObject();
        if (select is null)
        {
            return node;
        }

        foreach (var name in node.Select(p => p.Key).Where(k => !select.Contains(k, StringComparer.Ordinal)).ToList())
        {
            node.Remove(name);
        }

        return node;
    }

    private static string NextLink(HttpRequest request, int skip, int? remaining)
    {
        var query = request.Query
            .Where(q => !q.Key.Equals("$skip", StringComparison.OrdinalIgnoreCase) && !q.Key.Equals("$top", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)))
            .Append(new KeyValuePair<string, string>("$skip", skip.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (remaining is { } top)
        {
            query = query.Append(new KeyValuePair<string, string>("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(query!)}";
    }
}
