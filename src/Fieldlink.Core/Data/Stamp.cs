using Microsoft.EntityFrameworkCore.Query;

namespace Fieldlink.Core.Data;

/// <summary>
/// The one way a write stamps a record: <see cref="Entity.UpdatedAt"/> set to the write's time and
/// <see cref="Entity.Version"/> moved on by one, so every write changes the ETag. Tracked entities are stamped by
/// <see cref="FieldlinkDbContext"/> when saved; set-based writes (EF Core's <c>ExecuteUpdate</c>, or hand-written SQL
/// on a hot path) stamp with <see cref="Stamped{T}"/> or <see cref="Sql"/>.
/// </summary>
public static class Stamp
{
    /// <summary>Stamps the rows an <c>ExecuteUpdate</c> writes, as written at <paramref name="now"/>.</summary>
    public static UpdateSettersBuilder<T> Stamped<T>(this UpdateSettersBuilder<T> setters, DateTimeOffset now)
        where T : Entity
    {
        ArgumentNullException.ThrowIfNull(setters);
        return setters.SetProperty(e => e.UpdatedAt, now).SetProperty(e => e.Version, e => e.Version + 1);
    }

    /// <summary>Stamps an entity written at <paramref name="now"/> whose stored version was <paramref name="storedVersion"/>.</summary>
    public static void Written(Entity entity, long storedVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.UpdatedAt = now;
        entity.Version = storedVersion + 1;
    }

    /// <summary>Stamps an entity created at <paramref name="now"/>: version 1.</summary>
    public static void Created(Entity entity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.CreatedAt = now;
        entity.UpdatedAt = now;
        entity.Version = 1;
    }

    /// <summary>
    /// The SET clause of a hand-written UPDATE: <c>"UpdatedAt" = {now}, "Version" = {alias}."Version" + 1</c>.
    /// </summary>
    /// <param name="alias">The updated table's alias in the statement.</param>
    /// <param name="now">The parameter (or expression) holding the write's time.</param>
    public static string Sql(string alias, string now) => $"""
        "UpdatedAt" = {now}, "Version" = {alias}."Version" + 1
        """;
}
