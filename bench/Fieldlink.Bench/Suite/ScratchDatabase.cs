using Fieldlink.Storage.Postgres;
using Npgsql;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// A new, empty PostgreSQL database on the suite's server for one figure, dropped afterwards, so each figure starts
/// from the same state whatever ran before it (an earlier figure's tables and their autovacuum would otherwise weigh on it).
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private ScratchDatabase(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The new database's connection string, for <see cref="BenchStore"/> or the server's <c>Database</c> option.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates <c>suite_{figure}_{time}</c> on the server <paramref name="database"/> names (its own database is left alone).</summary>
    public static async Task<ScratchDatabase> CreateAsync(string database, string figure, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresStorage.ToConnectionString(database)) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = $"suite_{figure.Replace('-', '_')}_{DateTime.UtcNow:HHmmssfff}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var own = new NpgsqlConnectionStringBuilder(PostgresStorage.ToConnectionString(database)) { Database = name }.ConnectionString;
        return new ScratchDatabase(server, name, own);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
