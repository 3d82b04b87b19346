using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OData;

namespace Fieldlink.Server.Api.Collections;

/// <summary>Maps list, read, create, update (merge patch) and delete for a <see cref="CollectionResource{TEntity, TWrite, TRead}"/>.</summary>
public static class CollectionEndpoints
{
    public static RouteGroupBuilder MapCollection<TEntity, TWrite, TRead>(this IEndpointRouteBuilder api, CollectionResource<TEntity, TWrite, TRead> resource)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var group = api.MapGroup(resource.Collection).WithTags(resource.Collection);
        group.MapList(resource);
        group.MapRead(resource);
        group.MapPost("/", (HttpContext http, FieldlinkDbContext db, CancellationToken ct) => CreateAsync(resource, http, db, ct))
            .RequireAuthorization(resource.WritePolicy)
            .Accepts<TWrite>("application/json")
            .Produces<TRead>(StatusCodes.Status201Created)
            .WithSummary($"Creates a {resource.Noun}.");
        group.MapUpdate(resource);
        group.MapDelete("/{id:guid}", (Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) => DeleteAsync(resource, id, http, db, ct))
            .RequireAuthorization(resource.WritePolicy)
            .WithSummary($"Deletes a {resource.Noun}. Honours If-Match.");
        return group;
    }

    /// <summary>Maps <c>GET /</c>: the OData list.</summary>
    public static RouteHandlerBuilder MapList<TEntity, TRead>(this RouteGroupBuilder group, ReadResource<TEntity, TRead> resource)
        where TEntity : Entity
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        return group.MapGet("/", (HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) => ListAsync(resource, db.Set<TEntity>(), http, options.Value, ct))
            .Produces<CollectionPage<TRead>>()
            .WithSummary($"Lists {resource.Collection}, with OData $filter, $orderby, $top, $skip, $count and $select.");
    }

    /// <summary>Maps <c>GET /{id}</c>.</summary>
    public static RouteHandlerBuilder MapRead<TEntity, TRead>(this RouteGroupBuilder group, ReadResource<TEntity, TRead> resource)
        where TEntity : Entity
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        return group.MapGet("/{id:guid}", (Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) => GetAsync(resource, id, http, db, ct))
            .WithSummary($"Reads one {resource.Noun}.");
    }

    /// <summary>Maps <c>PATCH /{id}</c>: a JSON merge patch of the writable fields, honouring If-Match.</summary>
    public static RouteHandlerBuilder MapUpdate<TEntity, TWrite, TRead>(this RouteGroupBuilder group, CollectionResource<TEntity, TWrite, TRead> resource)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        return group.MapPatch("/{id:guid}", (Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct) => UpdateAsync(resource, id, body, http, db, ct))
            .RequireAuthorization(resource.WritePolicy)
            .Accepts<TWrite>("application/merge-patch+json", "application/json")
            .WithSummary($"Updates a {resource.Noun}: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
    }

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

        var pageSize = Math.Min(query.Top ?? paging.MaxPageSize, paging.MaxPageSize);
        try
        {
            ArgumentNullException.ThrowIfNull(source);
            var filtered = query.Filter(source.AsNoTracking());
            long? count = query.Count ? await filtered.LongCountAsync(ct) : null;

            // One more than a page tells whether there is a next one without a second query.
            var rows = await query.Order(filtered, resource.DefaultOrder).Skip(query.Skip).Take(pageSize + 1).ToListAsync(ct);
            var more = rows.Count > pageSize && (query.Top is null || query.Top > pageSize);
            var page = new JsonObject();
            if (count is not null)
            {
                page["@odata.count"] = count;
            }

            page["value"] = new JsonArray(rows.Take(pageSize).Select(r => (JsonNode?)Shape(resource.ToRead(r), query.Select)).ToArray());
            if (more)
            {
                page["@odata.nextLink"] = NextLink(http.Request, query.Skip + pageSize, query.Top - pageSize);
            }

            return TypedResults.Json(page, ApiJson.Options);
        }
        catch (Exception ex) when (ex is ODataException or InvalidOperationException or NotSupportedException && query.HasFilterOrOrder)
        {
            // EF Core's "could not be translated" text names its own expression types; the client is told in the API's words.
            errors.Add(query.HasFilter ? "$filter" : "$orderby", ex is ODataException
                ? $"The query cannot be evaluated: {ex.Message}"
                : "The query uses a function or arithmetic the database cannot evaluate here; functions that take a time apart (year, month, day, hour, minute, second, date, time) never can. Compare the time itself instead, e.g. createdAt ge 2026-01-01T00:00:00Z and createdAt lt 2027-01-01T00:00:00Z.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
    }

    private static async Task<Results<Ok<TRead>, ProblemHttpResult>> GetAsync<TEntity, TRead>(
        ReadResource<TEntity, TRead> resource, Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TRead : class
    {
        var entity = await db.Set<TEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null)
        {
            return ApiProblems.NotFound(resource.Noun, id);
        }

        ETags.Set(http.Response, entity);
        return TypedResults.Ok(resource.ToRead(entity));
    }

    private static async Task<IResult> CreateAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        var (body, invalid) = await JsonBody.ReadAsync<TWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        body = await resource.WithDefaultsAsync(body!, db, ct);
        await resource.ValidateAsync(body, null, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var entity = resource.Create(body);
        db.Add(entity);
        if (await SaveAsync(resource, entity, db, ct) is { } problem)
        {
            return problem;
        }

        ETags.Set(http.Response, entity);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{entity.Id}", resource.ToRead(entity));
    }

    private static async Task<Results<Ok<TRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        var entity = await db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null)
        {
            return ApiProblems.NotFound(resource.Noun, id);
        }

        if (ETags.CheckIfMatch(http.Request, db, entity, resource.Noun) is { } stale)
        {
            return stale;
        }

        var merged = JsonMergePatch.Apply(JsonSerializer.SerializeToNode(resource.ToWrite(entity), ApiJson.Options), body);
        TWrite? write;
        try
        {
            write = merged.Deserialize<TWrite>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(JsonErrors.From(ex));
        }

        var errors = new FieldErrors();
        await resource.ValidateAsync(write!, entity, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        resource.Apply(write!, entity);
        if (await SaveAsync(resource, entity, db, ct) is { } problem)
        {
            return problem;
        }

        ETags.Set(http.Response, entity);
        return TypedResults.Ok(resource.ToRead(entity));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        var entity = await db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null)
        {
            return ApiProblems.NotFound(resource.Noun, id);
        }

        if (ETags.CheckIfMatch(http.Request, db, entity, resource.Noun) is { } stale)
        {
            return stale;
        }

        if (await resource.FindDeleteConflictAsync(entity, db, ct) is { } conflict)
        {
            return ApiProblems.Conflict(conflict);
        }

        db.Remove(entity);
        if (await SaveAsync(resource, entity, db, ct) is { } problem)
        {
            return problem;
        }

        return TypedResults.NoContent();
    }

    /// <summary>Saves, turning what the database refused into the problem the client can act on.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, TEntity entity, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.PreconditionFailed(resource.Noun);
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            return ApiProblems.Conflict(resource.DuplicateMessage(entity));
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.ForeignKeyViolation)
        {
            return ApiProblems.Conflict($"The {resource.Noun} refers to a record that no longer exists, or is still referred to.");
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
