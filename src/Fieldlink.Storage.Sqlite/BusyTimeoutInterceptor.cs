using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fieldlink.Storage.Sqlite;

/// <summary>
/// Sets SQLite's own busy timeout on every connection Fieldlink opens. Without it, a statement that finds the write
/// lock taken (the API, the command dispatcher and connector sinks write at once) goes back to Microsoft.Data.Sqlite,
/// which tries again only after sleeping 150 ms; SQLite's busy handler instead retries within a millisecond or two of
/// the lock coming free.
/// </summary>
internal sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
{
    public static BusyTimeoutInterceptor Instance { get; } = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
