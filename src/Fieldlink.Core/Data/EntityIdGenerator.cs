using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Fieldlink.Core.Data;

/// <summary>
/// Gives a new entity its id when it is added rather than when it is saved: the change tracker files entities by
/// id, so two new entities of one type waiting with an empty id could not be added together. Version 7 from the
/// context's clock, so ids sort by creation.
/// </summary>
internal sealed class EntityIdGenerator : ValueGenerator<Guid>
{
    public override bool GeneratesTemporaryValues => false;

    public override Guid Next(EntityEntry entry) => Guid.CreateVersion7(((FieldlinkDbContext)entry.Context).Time.GetUtcNow());
}
