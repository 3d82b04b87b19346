using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// A registry table (providers, instances, devices, categories, accounts, assets) written by Administrators through
/// the same <see cref="CollectionResource{TEntity, TWrite, TRead}"/> as /api/v1: its defaults, its validation, its
/// delete conflicts and the store's refusals.
/// </summary>
public sealed class RegistryTable<TEntity, TWrite, TRead>(
    string entitySet,
    string logicalName,
    string primaryName,
    Func<IServiceProvider, CollectionResource<TEntity, TWrite, TRead>> resource)
    : DataverseTable<TEntity>
    where TEntity : Entity
    where TWrite : class
    where TRead : class
{
    public override string EntitySet => entitySet;

    public override string LogicalName => logicalName;

    public override string PrimaryNameColumn => primaryName;

    public required IReadOnlyList<DataverseColumn> TableColumns { get; init; }

    public IReadOnlyList<DataverseLookup> TableLookups { get; init; } = [];

    /// <summary>Narrows what an Endpoint key sees (its instance's devices); null when Endpoint keys read nothing here.</summary>
    public Func<IQueryable<TEntity>, Guid, IQueryable<TEntity>>? EndpointScope { get; init; }

    public override IReadOnlyList<DataverseColumn> Columns => TableColumns;

    public override IReadOnlyList<DataverseLookup> Lookups => TableLookups;

    public override IReadOnlyList<ApiKeyRole> Creators => Administrators;

    public override IReadOnlyList<ApiKeyRole> Updaters => Administrators;

    public override IReadOnlyList<ApiKeyRole> Deleters => Administrators;

    public override bool MayRead(DataverseContext context) =>
        base.MayRead(context) || (EndpointScope is not null && context.EndpointInstance is not null);

    protected override IQueryable<TEntity> Visible(DataverseContext context, IQueryable<TEntity> source) =>
        !base.MayRead(context) && EndpointScope is not null && context.EndpointInstance is { } instance ? EndpointScope(source, instance) : source;

    protected override object ToRead(TEntity entity, DataverseContext context) =>
        resource(context.Services).ToRead(entity);

    protected override IOrderedQueryable<TEntity> DefaultOrder(IQueryable<TEntity> source, DataverseContext context) => resource(context.Services).DefaultOrder(source);

    public override async Task<DataverseWrite> CreateAsync(DataverseContext context, Guid? id, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        TWrite write;
        try
        {
            write = fields.Deserialize<TWrite>(ApiJson.Options)!;
        }
        catch (JsonException ex)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, JsonErrors.From(ex)));
        }

        var owner = resource(context.Services);
        var errors = new FieldErrors();
        write = await owner.WithDefaultsAsync(write, context.Db, context.Cancellation);
        await owner.ValidateAsync(write, null, errors, context.Db, context.Cancellation);
        if (!errors.IsEmpty)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, errors));
        }

        var entity = owner.Create(write);
        if (id is { } chosen)
        {
            entity.Id = chosen;
        }

        context.Db.Add(entity);
        return await SaveAsync(context, owner, entity);
    }

    public override async Task<DataverseWrite> UpdateAsync(DataverseContext context, Entity entity, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        var owner = resource(context.Services);
        var record = (TEntity)entity;
        if (JsonMergePatch.Merge(owner.ToWrite(record), fields, out var write) is { } invalid)
        {
            return DataverseWrite.Failed(DataverseFailures.FromProblem(this, invalid.ProblemDetails));
        }

        var errors = new FieldErrors();
        await owner.ValidateAsync(write, record, errors, context.Db, context.Cancellation);
        if (!errors.IsEmpty)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, errors));
        }

        owner.Apply(write, record);
        return await SaveAsync(context, owner, record);
    }

    public override async Task<DataverseAnswer?> DeleteAsync(DataverseContext context, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(context);
        var owner = resource(context.Services);
        if (await owner.FindDeleteConflictAsync((TEntity)entity, context.Db, context.Cancellation) is { } conflict)
        {
            return DataverseAnswer.Error(StatusCodes.Status409Conflict, DataverseErrors.DuplicateRecord, conflict);
        }

        context.Db.Remove(entity);
        var saved = await SaveAsync(context, owner, (TEntity)entity);
        return saved.Error;
    }

    private async Task<DataverseWrite> SaveAsync(DataverseContext context, CollectionResource<TEntity, TWrite, TRead> owner, TEntity entity)
    {
        if (await CollectionHandlers.SaveAsync(owner, entity, context.Db, context.Cancellation) is { } problem)
        {
            context.Db.ChangeTracker.Clear();
            return DataverseWrite.Failed(DataverseFailures.FromProblem(this, problem));
        }

        return DataverseWrite.Done(entity);
    }
}
