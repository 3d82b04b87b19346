using Npgsql;

namespace Fieldlink.Testing;

/// <summary>
/// The throwaway PostgreSQL server that <c>./test.sh</c> starts, named by <c>FIELDLINK_TEST_POSTGRES</c>
/// (a connection string for a user that may create databases). Each test gets a database of its own.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "FIELDLINK_TEST_POSTGRES";

    /// <summary>The server's connection string; fails, naming the variable, when the tests were not started by test.sh.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL and sets it.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "fieldlink_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
