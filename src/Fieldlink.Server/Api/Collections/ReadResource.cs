namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// What a readable collection is: its name, how a record is shown and how a list is ordered. Histories and
/// commands are read-only collections; <see cref="CollectionResource{TEntity, TWrite, TRead}"/> adds writing.
/// </summary>
public abstract class ReadResource<TEntity, TRead>
    where TEntity : Core.Data.Entity
    where TRead : class
{
    /// <summary>The collection's path segment and OData entity set, e.g. <c>devices</c>.</summary>
    public abstract string Collection { get; }

    /// <summary>One record, in words, for messages: "device".</summary>
    public abstract string Noun { get; }

    public abstract TRead ToRead(TEntity entity);

    /// <summary>The order of a list without $orderby (the id always comes last).</summary>
    public abstract IOrderedQueryable<TEntity> DefaultOrder(IQueryable<TEntity> source);
}
