using Microsoft.Data.Sqlite;

namespace Fieldlink.Storage.Sqlite;

/// <summary>How Fieldlink opens SQLite.</summary>
public static class SqliteStorage
{
    /// <summary>
    /// A connection string for a plain path or a <c>Data Source=</c> string, with foreign keys on and a busy
    /// timeout, so writers queue for the lock instead of failing when the API and background work write together.
    /// </summary>
    public static string ToConnectionString(string pathOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(pathOrConnectionString);
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        builder.ForeignKeys = true;
        return builder.ToString();
    }
}
