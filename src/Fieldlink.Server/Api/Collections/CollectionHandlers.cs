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

/// <summary>
/// The handlers' steps a registry collection (providers, devices, accounts...) shares: read one, create, update by
/// merge patch, delete, each with If-Match and the store's refusals as problems. Each <c>&lt;Feature&gt;Api</c> maps its
/// routes to them explicitly; <see cref="CollectionResource{TEntity, TWrite, TRead}"/> says what differs.
/// </summary>
public static class CollectionHandlers
{
    public static async Task<Results<Ok<TRead>, ProblemHttpResult>> GetAsync<TEntity, TRead>(
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

    public static async Task<IResult> CreateAsync<TEntity, TWrite, TRead>(
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

        var edit = await CollectionEdits.CreateAsync(resource, body!, db, ct);
        if (!edit.Succeeded)
        {
            return Refusal(edit);
        }

        var entity = edit.Entity!;
        ETags.Set(http.Response, entity);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{entity.Id}", resource.ToRead(entity));
    }

    public static async Task<Results<Ok<TRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync<TEntity, TWrite, TRead>(
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

        if (JsonMergePatch.Merge(resource.ToWrite(entity), body, out var write) is { } invalid)
        {
            return invalid;
        }

        var edit = await CollectionEdits.UpdateAsync(resource, entity, write, db, ct);
        if (edit.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (edit.Problem is { } problem)
        {
            return problem;
        }

        ETags.Set(http.Response, entity);
        return TypedResults.Ok(resource.ToRead(entity));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<TEntity, TWrite, TRead>(
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

        if ((await CollectionEdits.DeleteAsync(resource, entity, db, ct)).Problem is { } problem)
        {
            return problem;
        }

        return TypedResults.NoContent();
    }

    /// <summary>Saves, turning what the database refused into the problem the client can act on.</summary>
    public static Task<ProblemHttpResult?> SaveAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, TEntity entity, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class =>
        CollectionEdits.SaveAsync(resource, entity, db, ct);

    private static IResult Refusal<TEntity>(CollectionEdit<TEntity> edit)
        where TEntity : class =>
        edit.Errors is { } errors ? TypedResults.ValidationProblem(errors) : edit.Problem!;
}
