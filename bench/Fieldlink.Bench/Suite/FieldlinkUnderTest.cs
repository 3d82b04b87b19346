using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// The whole Fieldlink server (the services and endpoints of <c>fieldlink serve</c>) in this process, listening on a
/// free port of 127.0.0.1 on the given store, with what a figure needs made in its store: a provider instance, devices
/// (in a category with thresholds when asked) and an Endpoint API key bound to the instance.
/// </summary>
public sealed class FieldlinkUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FieldlinkUnderTest(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FieldlinkUnderTest> StartAsync(string database, CancellationToken cancellationToken, IDictionary<string, string?>? extra = null)
    {
        var port = FreePort.Next();
        var options = new Dictionary<string, string?>
        {
            ["Database"] = database,
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Connectors:ReconcileInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            options[key] = value;
        }

        // Named as the server's own executable is, so the web app finds its static assets' manifest (fieldlink.staticwebassets.endpoints.json).
        var app = FieldlinkApp.Build(["--applicationName", "fieldlink"], options);
        await app.StartAsync(cancellationToken);
        return new FieldlinkUnderTest(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>
    /// A provider on <paramref name="connector"/> with one instance (<paramref name="settings"/>, JSON) and
    /// <paramref name="devices"/> devices named <c>{name}-000000</c>…; with <paramref name="thresholdMeasures"/> above 0
    /// the devices are in a category whose measures <c>measure0</c>… have thresholds low 0, high 30.
    /// </summary>
    public async Task<(Guid InstanceId, string[] DeviceIds)> SeedAsync(
        string name, string connector, string settings, int devices, int thresholdMeasures, CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        Guid? categoryId = null;
        if (thresholdMeasures > 0)
        {
            var category = new DeviceCategory
            {
                Name = name,
                Measures = [.. Enumerable.Range(0, thresholdMeasures).Select(m => new Measure { Name = $"measure{m}", Low = 0, High = 30 })],
            };
            db.DeviceCategories.Add(category);
            await db.SaveChangesAsync(cancellationToken);
            categoryId = category.Id;
        }

        var provider = new Provider { Name = name, Connector = connector };
        db.Providers.Add(provider);
        await db.SaveChangesAsync(cancellationToken);
        var instance = new ProviderInstance { ProviderId = provider.Id, Name = name, Settings = settings };
        db.ProviderInstances.Add(instance);
        await db.SaveChangesAsync(cancellationToken);
        var ids = Enumerable.Range(0, devices).Select(i => $"{name}-{i:D6}").ToArray();
        db.Devices.AddRange(ids.Select(id => new Device { Id = Guid.CreateVersion7(), Name = id, DeviceId = id, ProviderInstanceId = instance.Id, CategoryId = categoryId }));
        await db.SaveChangesAsync(cancellationToken);
        return (instance.Id, ids);
    }

    /// <summary>An Endpoint API key bound to <paramref name="instanceId"/>: its secret, for <c>Authorization: Bearer</c>.</summary>
    public async Task<string> EndpointKeyAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync($"suite-{instanceId:N}", ApiKeyRole.Endpoint, instanceId, cancellationToken);
        return secret;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
