using System.Net.Http.Headers;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Fieldlink.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>
/// The real Fieldlink server on Kestrel (a free loopback port), on a store of its own, with a known
/// Administrator key. Subclasses choose the database.
/// </summary>
public abstract class FieldlinkServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "flk_test-administrator-key";

    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>The database setting, as <c>--database</c> would give it.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Sets a configuration value before the server starts (as an environment variable would).</summary>
    public FieldlinkServer With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes the server's services before it starts (a fake clock, say).</summary>
    public FieldlinkServer WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public async Task InitializeAsync()
    {
        _settings["Database"] = await CreateDatabaseAsync();
        UseKestrel(0);
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
    }

    /// <summary>A client authenticated with <paramref name="key"/> (none when null).</summary>
    public HttpClient Client(string? key = AdminKey)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ADMIN_KEY", AdminKey);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Connector, TestVendorConnector>();
            services.AddSingleton<Connector, ListeningOnlyConnector>();
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }
}
