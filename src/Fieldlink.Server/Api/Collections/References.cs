using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Collections;

/// <summary>Checks that a field's id points at an existing record, so a bad reference is a 400 naming the field.</summary>
public static class References
{
    public static async Task CheckAsync<T>(FieldlinkDbContext db, FieldErrors errors, string field, Guid? id, string noun, CancellationToken cancellationToken)
        where T : Entity
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(errors);
        if (id is { } value && !await db.Set<T>().AnyAsync(e => e.Id == value, cancellationToken))
        {
            errors.Add(field, $"There is no {noun} with id {value}.");
        }
    }
}
