namespace Fieldlink.Core.Data;

/// <summary>Why the database refused a write.</summary>
public enum StoreError
{
    /// <summary>Something else; not a constraint the caller can fix.</summary>
    Other,

    /// <summary>A unique index already holds the value.</summary>
    UniqueViolation,

    /// <summary>A reference points at nothing, or a referenced row is still in use.</summary>
    ForeignKeyViolation,
}
