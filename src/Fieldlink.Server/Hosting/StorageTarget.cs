using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Which database Fieldlink uses, from the configuration keys <c>Database</c> (a SQLite path, or a PostgreSQL
/// URI or connection string; <c>--database</c>, <c>FIELDLINK_Database</c>) and <c>DataDir</c> (default <c>./data</c>).
/// With neither, the store is <c>&lt;data-dir&gt;/fieldlink.db</c>.
/// </summary>
public sealed record StorageTarget(bool IsPostgres, string ConnectionString, string Display)
{
    /// <summary>How a message names the <c>Database</c> setting.</summary>
    public const string DatabaseSetting = "--database (Database)";

    /// <summary>How a message names the <c>DataDir</c> setting.</summary>
    public const string DataDirSetting = "--data-dir (DataDir)";

    public static StorageTarget From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var database = configuration["Database"];
        if (!string.IsNullOrWhiteSpace(database) && PostgresStorage.Recognizes(database))
        {
            try
            {
                var connectionString = PostgresStorage.ToConnectionString(database);
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                return new StorageTarget(true, connectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                // The value itself is not repeated: it may hold a password.
                throw new ConfigurationValueException(DatabaseSetting, $"not a PostgreSQL URI (postgresql://user:pass@host:5432/db) or connection string: {ex.Message}", ex);
            }
        }

        var path = string.IsNullOrWhiteSpace(database)
            ? Path.Combine(configuration["DataDir"] is { Length: > 0 } dir ? dir : "data", "fieldlink.db")
            : database;
        var setting = string.IsNullOrWhiteSpace(database) ? DataDirSetting : DatabaseSetting;
        string sqlite, source;
        try
        {
            sqlite = SqliteStorage.ToConnectionString(path);
            source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqlite).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(source)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationValueException(setting, $"cannot make a place for the SQLite file: {ex.Message}", ex);
        }

        return new StorageTarget(false, sqlite, $"SQLite {Path.GetFullPath(source)}");
    }
}
