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

    /// <summary>Turns a <c>postgresql://user:password@host:port/database?key=value</c> URI into a keyword connection string.</summary>
    /// <summary>
    /// The connections one Fieldlink process opens at most, unless the connection string says otherwise. PostgreSQL
    /// serves 100 by default; a few processes of Npgsql's own default (100 each) would exhaust it under a burst,
    /// where with this cap requests wait a moment for a connection instead of failing.
    /// </summary>
    public const int DefaultMaxPoolSize = 30;

    public static string ToConnectionString(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.Contains("://", StringComparison.Ordinal))
        {
            return WithPoolCap(database);
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

        return WithPoolCap(builder.ConnectionString);
    }

    private static string WithPoolCap(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.Split(';').Select(p => p.Split('=', 2)[0].Trim().Replace(" ", string.Empty, StringComparison.Ordinal));
        if (!given.Any(k => k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase) || k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }
}
