using System.Data.Common;
using Fieldlink.Core.Live;
using Npgsql;
using NpgsqlTypes;

namespace Fieldlink.Storage.Postgres;

/// <summary>
/// Tells every process on the database of committed changes with <c>pg_notify</c> on <see cref="Channel"/>: run in the
/// writing transaction, the notifications are delivered when it commits and never if it rolls back; one statement for
/// all the payloads of a commit. <see cref="PostgresChangeListener"/> receives them.
/// </summary>
public sealed class PostgresChangeNotices : ChangeNotices
{
    /// <summary>The channel Fieldlink notifies and listens on.</summary>
    public const string Channel = "fieldlink_changes";

    public static PostgresChangeNotices Default { get; } = new();

    public override bool Sends => true;

    public override DbCommand? Command(DbConnection connection, IReadOnlyList<string> payloads)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(payloads);
        var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = $"SELECT pg_notify('{Channel}', p) FROM unnest($1) AS p";
        command.Parameters.Add(new NpgsqlParameter { Value = payloads.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }
}
