using System.Data.Common;

namespace Fieldlink.Core.Live;

/// <summary>
/// How a database tells the other processes on it of committed changes, for <see cref="LiveChanges"/>. This base
/// sends nothing: SQLite is one process's file, whose pages hear of its changes in process. PostgreSQL overrides it
/// with <c>pg_notify</c> in the writing transaction, delivered to every listener when (and only if) it commits.
/// </summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public class ChangeNotices
{
    /// <summary>Sends nothing.</summary>
    public static ChangeNotices None { get; } = new();

    /// <summary>Whether this database sends notices at all; when not, no payload is even made.</summary>
    public virtual bool Sends => false;

    /// <summary>
    /// A command that sends <paramref name="payloads"/> when run on <paramref name="connection"/> (in the caller's
    /// transaction, if any), or null when this database sends nothing.
    /// </summary>
    public virtual DbCommand? Command(DbConnection connection, IReadOnlyList<string> payloads) => null;
}
