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

    /// <summary>
    /// The statement's own values could not be used (PostgreSQL's SQLSTATE class 22, "data exception": a division by
    /// zero, a numeric overflow, a NUL in text, a substring start out of range). On a query these come from what the
    /// client asked for, so they are the client's fault.
    /// </summary>
    InvalidValue,
}
