using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// One table of the Web API (<c>msdyn_iotalerts</c>, <c>accounts</c>...): its names, columns and lookups, how its
/// records are read, and what create, update and delete do, each through the Core service or the /api/v1 resource
/// that owns the record. <see cref="DataverseTable{TEntity}"/> implements the reads.
/// </summary>
public abstract class DataverseTable
{
    protected static readonly ApiKeyRole[] Readers = [ApiKeyRole.Administrator, ApiKeyRole.Dispatcher, ApiKeyRole.Technician];
    protected static readonly ApiKeyRole[] Administrators = [ApiKeyRole.Administrator];
    protected static readonly ApiKeyRole[] Dispatchers = [ApiKeyRole.Administrator, ApiKeyRole.Dispatcher];

    /// <summary>The entity set, e.g. <c>msdyn_iotalerts</c>.</summary>
    public abstract string EntitySet { get; }

    /// <summary>The table's logical name, e.g. <c>msdyn_iotalert</c>.</summary>
    public abstract string LogicalName { get; }

    /// <summary>The primary key column, <c>&lt;logical name&gt;id</c>.</summary>
    public string KeyColumn => $"{LogicalName}id";

    /// <summary>The column holding the record's name (a lookup's formatted value).</summary>
    public abstract string PrimaryNameColumn { get; }

    /// <summary>The stored record type.</summary>
    public abstract Type ClrType { get; }

    /// <summary>The columns besides the key and the lookups' values.</summary>
    public abstract IReadOnlyList<DataverseColumn> Columns { get; }

    public virtual IReadOnlyList<DataverseLookup> Lookups => [];

    /// <summary>Who may create records here; empty when the table cannot be written this way (501).</summary>
    public virtual IReadOnlyList<ApiKeyRole> Creators => [];

    /// <summary>Who may update records here; empty when they cannot be updated this way (501).</summary>
    public virtual IReadOnlyList<ApiKeyRole> Updaters => [];

    /// <summary>Who may delete records here; empty when they cannot be deleted this way (501).</summary>
    public virtual IReadOnlyList<ApiKeyRole> Deleters => [];

    /// <summary>Whether the caller reads this table (Endpoint keys read only their instance's devices and alerts).</summary>
    public virtual bool MayRead(DataverseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IsIn([.. Readers]);
    }

    /// <summary>One record the caller may see, or null.</summary>
    public abstract Task<Entity?> FindAsync(DataverseContext context, Guid id, bool tracked);

    /// <summary>The records of these ids the caller may see (for lookups' names and <c>$expand</c>).</summary>
    public abstract Task<Dictionary<Guid, Entity>> FindManyAsync(DataverseContext context, IReadOnlyCollection<Guid> ids);

    /// <summary>One page of the records the query selects, one more than asked when there are more, and the count if asked.</summary>
    public abstract Task<(List<Entity> Rows, long? Count)> ListAsync(DataverseContext context, DataverseQuery query, int take);

    /// <summary>The record as /api/v1 shows it, the fields the columns read from.</summary>
    public abstract JsonObject Fields(Entity entity, DataverseContext context);

    /// <summary>Creates a record of <paramref name="fields"/> (Fieldlink's field names), with <paramref name="id"/> when an upsert names one.</summary>
    public virtual Task<DataverseWrite> CreateAsync(DataverseContext context, Guid? id, JsonObject fields) =>
        Task.FromResult(DataverseWrite.Failed(DataverseAnswer.NotSupported($"Creating {EntitySet} records is not supported.")));

    /// <summary>Updates <paramref name="entity"/> (tracked) with <paramref name="fields"/>, the write made conditional on its version.</summary>
    public virtual Task<DataverseWrite> UpdateAsync(DataverseContext context, Entity entity, JsonObject fields) =>
        Task.FromResult(DataverseWrite.Failed(DataverseAnswer.NotSupported($"Updating {EntitySet} records is not supported.")));

    /// <summary>Deletes <paramref name="entity"/> (tracked).</summary>
    public virtual Task<DataverseAnswer?> DeleteAsync(DataverseContext context, Entity entity) =>
        Task.FromResult<DataverseAnswer?>(DataverseAnswer.NotSupported($"Deleting {EntitySet} records is not supported."));

    /// <summary>The column or lookup that shows <paramref name="field"/>, for error messages in the Web API's names.</summary>
    public string ColumnOf(string field) =>
        Columns.FirstOrDefault(c => string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase))?.Name
        ?? Lookups.FirstOrDefault(l => string.Equals(l.Field, field, StringComparison.OrdinalIgnoreCase))?.Navigation
        ?? field;
}
