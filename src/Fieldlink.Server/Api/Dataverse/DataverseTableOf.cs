using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Json;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>The reads of a table of <typeparamref name="TEntity"/> records, as EF Core queries the database runs.</summary>
public abstract class DataverseTable<TEntity> : DataverseTable
    where TEntity : Entity
{
    public override Type ClrType => typeof(TEntity);

    /// <summary>The /api/v1 record of <paramref name="entity"/>.</summary>
    protected abstract object ToRead(TEntity entity, DataverseContext context);

    /// <summary>The list order without $orderby.</summary>
    protected abstract IOrderedQueryable<TEntity> DefaultOrder(IQueryable<TEntity> source, DataverseContext context);

    /// <summary>The records the caller may see. Default: all of them.</summary>
    protected virtual IQueryable<TEntity> Visible(DataverseContext context, IQueryable<TEntity> source) => source;

    public override JsonObject Fields(Entity entity, DataverseContext context) =>
        JsonSerializer.SerializeToNode(ToRead((TEntity)entity, context), ApiJson.Options)!.AsObject();

    public override async Task<Entity?> FindAsync(DataverseContext context, Guid id, bool tracked)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = tracked ? context.Db.Set<TEntity>() : context.Db.Set<TEntity>().AsNoTracking();
        return await Visible(context, source).FirstOrDefaultAsync(e => e.Id == id, context.Cancellation);
    }

    public override async Task<Dictionary<Guid, Entity>> FindManyAsync(DataverseContext context, IReadOnlyCollection<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await Visible(context, context.Db.Set<TEntity>().AsNoTracking()).Where(e => ids.Contains(e.Id)).ToListAsync(context.Cancellation);
        return rows.ToDictionary(e => e.Id, e => (Entity)e);
    }

    public override async Task<(List<Entity> Rows, long? Count)> ListAsync(DataverseContext context, DataverseQuery query, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        var filtered = query.Filter(Visible(context, context.Db.Set<TEntity>().AsNoTracking()));
        long? count = query.Count ? await filtered.LongCountAsync(context.Cancellation) : null;
        var rows = await query.Order(filtered, source => DefaultOrder(source, context)).Skip(query.Skip).Take(take + 1).ToListAsync(context.Cancellation);
        return (rows.Cast<Entity>().ToList(), count);
    }
}
