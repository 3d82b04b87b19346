namespace Fieldlink.Core.Data;

/// <summary>
/// What every stored record has: a GUID id, a version that changes on every write (the ETag and the
/// optimistic-concurrency token), and when it was created and last updated.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
