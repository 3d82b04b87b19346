namespace Fieldlink.Core.Data;

/// <summary>
/// Why the database refused a write (or a read), as <see cref="FieldlinkDbContext.Classify"/> tells it: the one place
/// that says which failures pass (try again later, and it works) and which do not (this data cannot be stored).
/// </summary>
public enum StoreError
{
    /// <summary>
    /// Something else that trying the same write again will not fix: a value the database refuses (a NUL character
    /// on PostgreSQL, a number out of range), a check that failed. Permanent for this data.
    /// </summary>
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

    /// <summary>
    /// A failure that passes: the store is down or unreachable, the connection broke, a timeout, a serialization
    /// failure or deadlock, a database busy or locked. Trying the same write again later may work.
    /// </summary>
    Transient,
}
