using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>A table read here and written only through its lifecycle elsewhere (commands, work orders): create, update and delete answer 501.</summary>
public sealed class ReadOnlyTable<TEntity, TRead>(string entitySet, string logicalName, string primaryName, Func<DataverseContext, ReadResource<TEntity, TRead>> resource)
    : DataverseTable<TEntity>
    where TEntity : Entity
    where TRead : class
{
    public override string EntitySet => entitySet;

    public override string LogicalName => logicalName;

    public override string PrimaryNameColumn => primaryName;

    public required IReadOnlyList<DataverseColumn> TableColumns { get; init; }

    public IReadOnlyList<DataverseLookup> TableLookups { get; init; } = [];

    public override IReadOnlyList<DataverseColumn> Columns => TableColumns;

    public override IReadOnlyList<DataverseLookup> Lookups => TableLookups;

    protected override object ToRead(TEntity entity, DataverseContext context) => resource(context).ToRead(entity);

    protected override IOrderedQueryable<TEntity> DefaultOrder(IQueryable<TEntity> source, DataverseContext context) => resource(context).DefaultOrder(source);
}
