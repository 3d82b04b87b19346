using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Json;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.OData;

/// <summary>A collection <c>$expand</c> can lead to: how its records are loaded by id, in one query, and answered.</summary>
public abstract class ExpandableSet
{
    /// <summary>The records with these ids, answered as the collection answers them.</summary>
    public abstract Task<Dictionary<Guid, (Entity Record, JsonObject Answer)>> LoadAsync(FieldlinkDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>
    /// For each of <paramref name="parentIds"/>, the records whose <paramref name="foreignKey"/> holds it, filtered, ordered
    /// and paged by <paramref name="query"/> for each parent on its own: one query for all parents.
    /// </summary>
    public abstract Task<Dictionary<Guid, List<(Entity Record, JsonObject Answer)>>> LoadManyAsync(
        FieldlinkDbContext db, string foreignKey, IReadOnlyCollection<Guid> parentIds, CollectionQuery query, int pageSize, CancellationToken ct);

    /// <summary>The value of an id field (<c>providerInstanceId</c>) of a record of this collection.</summary>
    public abstract Guid? IdIn(Entity record, string field);
}

/// <inheritdoc />
public sealed class ExpandableSet<TEntity, TRead>(ReadResource<TEntity, TRead> resource) : ExpandableSet
    where TEntity : Entity
    where TRead : class
{
    public override async Task<Dictionary<Guid, (Entity Record, JsonObject Answer)>> LoadAsync(FieldlinkDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = ids.ToList();
        var records = await db.Set<TEntity>().AsNoTracking().Where(e => list.Contains(e.Id)).ToListAsync(ct);
        return records.ToDictionary(r => r.Id, r => ((Entity)r, Answer(r)));
    }

    public override async Task<Dictionary<Guid, List<(Entity Record, JsonObject Answer)>>> LoadManyAsync(
        FieldlinkDbContext db, string foreignKey, IReadOnlyCollection<Guid> parentIds, CollectionQuery query, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var ids = parentIds.ToList();
        var key = typeof(TEntity).GetProperty(ClrName(foreignKey)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no {foreignKey}.");

        // parent => the parent's records, as a correlated subquery: EF Core runs it for every parent in one statement.
        var parent = Expression.Parameter(typeof(TEntity), "parent");
        var child = Expression.Parameter(typeof(TEntity), "child");
        var correlated = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(Expression.Convert(Expression.Property(child, key), typeof(Guid?)), Expression.Convert(Expression.Property(parent, nameof(Entity.Id)), typeof(Guid?))),
            child);
        var set = db.Set<TEntity>().AsNoTracking();
        var children = set.Provider.CreateQuery<TEntity>(Expression.Call(
            typeof(Queryable), nameof(Queryable.Where), [typeof(TEntity)], set.Expression, Expression.Quote(correlated)));
        var page = query.Order(query.Filter(children), resource.DefaultOrder).Skip(query.Skip).Take(pageSize);
        var toList = Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(TEntity)], page.Expression);
        var selector = Expression.Lambda<Func<TEntity, ChildPage>>(
            Expression.MemberInit(
                Expression.New(typeof(ChildPage)),
                Expression.Bind(typeof(ChildPage).GetProperty(nameof(ChildPage.ParentId))!, Expression.Property(parent, nameof(Entity.Id))),
                Expression.Bind(typeof(ChildPage).GetProperty(nameof(ChildPage.Records))!, toList)),
            parent);
        var pages = await set.Where(p => ids.Contains(p.Id)).Select(selector).ToListAsync(ct);
        return pages.ToDictionary(p => p.ParentId, p => p.Records.Select(r => ((Entity)r, Answer(r))).ToList());
    }

    public override Guid? IdIn(Entity record, string field) =>
        typeof(TEntity).GetProperty(ClrName(field))?.GetValue(record) as Guid?;

    private JsonObject Answer(TEntity record) => JsonSerializer.SerializeToNode(resource.ToRead(record), ApiJson.Options)!.AsObject();

    private static string ClrName(string field) => char.ToUpperInvariant(field[0]) + field[1..];

    /// <summary>One parent's page of records, as the correlated query projects it.</summary>
    private sealed class ChildPage
    {
        public Guid ParentId { get; init; }

        public List<TEntity> Records { get; init; } = [];
    }
}
