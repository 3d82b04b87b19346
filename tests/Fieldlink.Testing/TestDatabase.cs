namespace Fieldlink.Testing;

/// <summary>A PostgreSQL database made for one test, dropped when disposed.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(Name);
}
