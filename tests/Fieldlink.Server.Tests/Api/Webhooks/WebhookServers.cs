using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Webhooks;

/// <summary>A SQLite server whose webhooks may reach the loopback receiver, polled often and timed out after two seconds.</summary>
public sealed class WebhookSqliteServer : SqliteServer
{
    public WebhookSqliteServer() => WebhookSettings.Apply(this);
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class WebhookPostgresServer : FieldlinkServer
{
    private Fieldlink.Testing.TestDatabase? _database;

    public WebhookPostgresServer() => WebhookSettings.Apply(this);

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = await Fieldlink.Testing.TestPostgres.CreateDatabaseAsync();
        return _database.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The settings the webhook tests run with.</summary>
public static class WebhookSettings
{
    public static FieldlinkServer Apply(FieldlinkServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server
            .With("Outbound:AllowedHosts:0", "127.0.0.1")
            .With("Webhooks:PollInterval", "00:00:00.050")
            .With("Webhooks:Timeout", "00:00:02");
    }
}
