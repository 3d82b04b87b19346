using System.Data.Common;

namespace Fieldlink.Core.Data;

/// <summary>
/// Tells from any exception what the database said, for the errors that do not depend on the database's own
/// exception type: the SQLSTATE every ADO.NET provider that has one reports on <see cref="DbException.SqlState"/>.
/// </summary>
public static class StoreErrors
{
    /// <summary>
    /// <see cref="StoreError.InvalidValue"/> when <paramref name="exception"/>, or one it wraps, is a database error of
    /// SQLSTATE class 22 (data exception); otherwise <see cref="StoreError.Other"/>. SQLite reports no SQLSTATE: its
    /// arithmetic answers NULL or a float where PostgreSQL raises one of these.
    /// </summary>
    public static StoreError Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: { Length: 5 } state } && state.StartsWith("22", StringComparison.Ordinal))
            {
                return StoreError.InvalidValue;
            }
        }

        return StoreError.Other;
    }
}
