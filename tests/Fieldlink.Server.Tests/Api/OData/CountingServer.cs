using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.OData;

/// <summary>A server whose queries are counted per request (<see cref="QueryCounter"/>).</summary>
public abstract class CountingServer : IAsyncLifetime
{
    protected CountingServer(FieldlinkServer server)
    {
        Server = server;
        server.WithServices(services =>
        {
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<SqliteFieldlinkDbContext>((provider, options) => options.AddInterceptors(Bound(provider)));
            services.ConfigureDbContext<PostgresFieldlinkDbContext>((provider, options) => options.AddInterceptors(Bound(provider)));
        });
    }

    public FieldlinkServer Server { get; }

    public QueryCounter Queries { get; } = new();

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();

    private QueryCounter Bound(IServiceProvider provider)
    {
        Queries.Http ??= provider.GetRequiredService<IHttpContextAccessor>();
        return Queries;
    }
}

public sealed class CountingSqliteServer() : CountingServer(new SqliteServer());

public sealed class CountingPostgresServer() : CountingServer(new PostgresServer());
