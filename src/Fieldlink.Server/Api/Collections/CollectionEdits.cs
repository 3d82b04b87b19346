using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// The steps of a registry write that do not depend on HTTP — defaults, validation, the change, the save and the store's
/// refusals — shared by the API's <see cref="CollectionHandlers"/> and the web app's administration pages, so a record
/// saved from a form is checked exactly as one posted to <c>/api/v1</c>.
/// </summary>
public static class CollectionEdits
{
    /// <summary>Creates a record from <paramref name="write"/>, after its defaults and validation.</summary>
    public static async Task<CollectionEdit<TEntity>> CreateAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, TWrite write, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(db);
        var errors = new FieldErrors();
        write = await resource.WithDefaultsAsync(write, db, ct);
        await resource.ValidateAsync(write, null, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return new CollectionEdit<TEntity>(null, errors.ToDictionary(), null);
        }

        var entity = resource.Create(write);
        db.Add(entity);
        return await SaveAsync(resource, entity, db, ct) is { } problem
            ? new CollectionEdit<TEntity>(null, null, problem)
            : new CollectionEdit<TEntity>(entity, null, null);
    }

    /// <summary>
    /// Replaces the tracked <paramref name="entity"/>'s fields with <paramref name="write"/>, after validation. The save
    /// is conditional on the version the entity was read at (or the one its caller set as the original value).
    /// </summary>
    public static async Task<CollectionEdit<TEntity>> UpdateAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, TEntity entity, TWrite write, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(db);
        var errors = new FieldErrors();
        await resource.ValidateAsync(write, entity, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return new CollectionEdit<TEntity>(null, errors.ToDictionary(), null);
        }

        resource.Apply(write, entity);
        return await SaveAsync(resource, entity, db, ct) is { } problem
            ? new CollectionEdit<TEntity>(null, null, problem)
            : new CollectionEdit<TEntity>(entity, null, null);
    }

    /// <summary>Deletes the tracked <paramref name="entity"/> unless something still needs it.</summary>
    public static async Task<CollectionEdit<TEntity>> DeleteAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, TEntity entity, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(db);
        if (await resource.FindDeleteConflictAsync(entity, db, ct) is { } conflict)
        {
            return new CollectionEdit<TEntity>(null, null, ApiProblems.Conflict(conflict));
        }

        db.Remove(entity);
        return await SaveAsync(resource, entity, db, ct) is { } problem
            ? new CollectionEdit<TEntity>(null, null, problem)
            : new CollectionEdit<TEntity>(entity, null, null);
    }

    /// <summary>Saves, turning what the database refused into the problem the client can act on.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync<TEntity, TWrite, TRead>(
        CollectionResource<TEntity, TWrite, TRead> resource, TEntity entity, FieldlinkDbContext db, CancellationToken ct)
        where TEntity : Entity
        where TWrite : class
        where TRead : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(db);
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
}
