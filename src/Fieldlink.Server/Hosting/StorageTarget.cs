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
    public static StorageTarget From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var database = configuration["Database"];
        if (!string.IsNullOrWhiteSpace(database) && PostgresStorage.Recognizes(database))
        {
            var connectionString = PostgresStorage.ToConnectionString(database);
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return new StorageTarget(true, connectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }

        var path = string.IsNullOrWhiteSpace(database)
            ? Path.Combine(configuration["DataDir"] is { Length: > 0 } dir ? dir : "data", "fieldlink.db")
            : database;
        var sqlite = SqliteStorage.ToConnectionString(path);
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqlite).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(source)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return new StorageTarget(false, sqlite, $"SQLite {Path.GetFullPath(source)}");
    }
}
