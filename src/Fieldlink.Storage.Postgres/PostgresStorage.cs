using Npgsql;

namespace Fieldlink.Storage.Postgres;

/// <summary>How Fieldlink recognizes and opens PostgreSQL.</summary>
public static class PostgresStorage
{
    /// <summary>True when <paramref name="database"/> names a PostgreSQL database (a URI or a keyword connection string).</summary>
    public static bool Recognizes(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || database.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The connections one Fieldlink process opens at most, unless the connection string says otherwise. PostgreSQL
    /// serves 100 by default; a few processes of Npgsql's own default (100 each) would exhaust it under a burst,
    /// where with this cap requests wait a moment for a connection instead of failing.
    /// </summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>
    /// Turns a <c>postgresql://user:password@host:port/database?key=value</c> URI into a keyword connection string, and
    /// gives either form Fieldlink's defaults for what it does not say: <see cref="DefaultMaxPoolSize"/>, and
    /// <c>No Reset On Close=true</c>.
    /// </summary>
    /// <remarks>
    /// Npgsql otherwise sends <c>DISCARD ALL</c> each time a pooled connection is handed back, to wipe session state,
    /// a round trip that measured 4.6 per small ingestion request. Fieldlink keeps no session state to wipe: its
    /// advisory locks are transaction-scoped (<c>pg_advisory_xact_lock</c>), its temporary table drops at commit, it
    /// prepares no statements on pooled connections, sets no session settings, and LISTENs only on a connection of its
    /// own outside the pool; a transaction left open is still rolled back when its connection is returned.
    /// </remarks>
    public static string ToConnectionString(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.Contains("://", StringComparison.Ordinal))
        {
            return WithDefaults(database);
        }

        var uri = new Uri(database);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return WithDefaults(builder.ConnectionString);
    }

    private static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.Split(';').Select(p => p.Split('=', 2)[0].Trim().Replace(" ", string.Empty, StringComparison.Ordinal)).ToList();
        if (!given.Any(k => k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase) || k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!given.Any(k => k.Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase)))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
