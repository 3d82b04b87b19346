namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>
/// Fieldlink with <c>Demo</c> on, on a SQLite file the test owns, so that a second server can start on the same store
/// as a restart would.
/// </summary>
public sealed class DemoServer(string databasePath, bool demo = true) : FieldlinkServer
{
    /// <summary>Starts a server on <paramref name="databasePath"/>; the caller stops it with <see cref="StopAsync"/>.</summary>
    public static async Task<DemoServer> StartAsync(string databasePath, bool demo = true)
    {
        var server = new DemoServer(databasePath, demo);
        await ((IAsyncLifetime)server).InitializeAsync();
        return server;
    }

    public Task StopAsync() => ((IAsyncLifetime)this).DisposeAsync();

    protected override Task<string> CreateDatabaseAsync()
    {
        With("Demo", demo ? "true" : "false");
        return Task.FromResult(databasePath);
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
