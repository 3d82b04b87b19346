using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// What one collection of the API is: how its records are read and written, validated and ordered.
/// Its <c>&lt;Feature&gt;Api</c> maps the routes; <see cref="CollectionHandlers"/> runs the steps they share.
/// </summary>
/// <typeparam name="TEntity">The stored record.</typeparam>
/// <typeparam name="TWrite">The writable fields: the body of a create, and what a PATCH merges into.</typeparam>
/// <typeparam name="TRead">What the API answers.</typeparam>
public abstract class CollectionResource<TEntity, TWrite, TRead> : ReadResource<TEntity, TRead>
    where TEntity : Entity
    where TWrite : class
    where TRead : class
{
    public abstract TWrite ToWrite(TEntity entity);

    /// <summary>Checks <paramref name="write"/> (for a new record when <paramref name="existing"/> is null) and adds what is wrong.</summary>
    public abstract Task ValidateAsync(TWrite write, TEntity? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken);

    /// <summary>Fills what a create left out from elsewhere (IoT settings, say) before it is checked. Default: nothing.</summary>
    public virtual Task<TWrite> WithDefaultsAsync(TWrite write, FieldlinkDbContext db, CancellationToken cancellationToken) => Task.FromResult(write);

    /// <summary>Makes a new record of a valid <paramref name="write"/>.</summary>
    public abstract TEntity Create(TWrite write);

    /// <summary>Copies a valid <paramref name="write"/> onto <paramref name="entity"/>.</summary>
    public abstract void Apply(TWrite write, TEntity entity);

    /// <summary>What makes the record impossible to delete now (409), or null.</summary>
    public virtual Task<string?> FindDeleteConflictAsync(TEntity entity, FieldlinkDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>The 409 message when a unique index refuses the record.</summary>
    public virtual string DuplicateMessage(TEntity entity) => $"Another {Noun} already has these values.";
}
