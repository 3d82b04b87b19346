using System.Net.Http.Headers;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Fieldlink.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>
/// The real Fieldlink server on Kestrel (a free loopback port), on a store of its own, with a known
/// Administrator key. Subclasses choose the database. What the server logs at Error or above fails the test that used
/// it (see <see cref="Log"/> and <see cref="FailOnLoggedErrorsAttribute"/>) unless the test expects it.
/// </summary>
public abstract class FieldlinkServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "flk_test-administrator-key";

    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>The server's errors; a test that provokes some says so with <see cref="TestLog.ExpectErrors"/>.</summary>
    public TestLog Log { get; } = new();

    /// <summary>The server's services; using them makes what the server logs meanwhile the running test's.</summary>
    public override IServiceProvider Services
    {
        get
        {
            Log.Use();
            return base.Services;
        }
    }

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

        // A node name of its own, as the machine name would be shared by every server a test runs on one store, and
        // the second would refuse to start (the fleet's node names are unique among living processes).
        if (!_settings.ContainsKey("Connectors:Node") && !_settings.ContainsKey("Mqtt:Node"))
        {
            _settings["Connectors:Node"] = $"test-{Guid.NewGuid():N}"[..17];
        }
        UseKestrel(0);
        StartServer();
        base.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(Log.HostStopping);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Log.Dispose();
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

    protected override void ConfigureClient(HttpClient client)
    {
        Log.Use();
        base.ConfigureClient(client);
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
            services.AddSingleton<ILoggerProvider>(Log);
            services.AddSingleton<Connector, TestVendorConnector>();
            services.AddSingleton<Connector, ListeningOnlyConnector>();
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }
}
