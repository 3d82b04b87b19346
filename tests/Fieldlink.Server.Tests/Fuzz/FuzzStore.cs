using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// A Fieldlink server for the fuzz, seeded with one record of each kind so generated requests have something to hit.
/// Webhooks are allowed to 127.0.0.1 but not delivered (the dispatcher is off), and the only connectors the fuzz's
/// valid bodies name are the test vendor (told to behave) and a listening-only one: nothing leaves the process.
/// </summary>
public abstract class FuzzStore(FieldlinkServer server) : IAsyncLifetime
{
    /// <summary>The provider's ids of the devices seeded in the test-vendor instance, which ingestion names.</summary>
    public static IReadOnlyList<string> VendorDeviceIds { get; } = ["fz-dev-0", "fz-dev-1"];

    /// <summary>The id of the device seeded in the http connector's instance, which signed ingestion names.</summary>
    public const string HttpDeviceId = "fz-http-0";

    /// <summary>The signing secret of the seeded http connector instance; the fuzz signs its pushes with it (HMAC-SHA256 in X-Signature).</summary>
    public const string HttpSigningSecret = "fuzz-signing-secret-of-the-vendor";

    /// <summary>The id of the device seeded in the Azure IoT Hub instance, which Event Grid deliveries name.</summary>
    public const string IoTHubDeviceId = "fz-hub-0";

    /// <summary>The seeded Azure IoT Hub instance's Event Grid secret, which the fuzz's deliveries carry as ?code=.</summary>
    public const string IoTHubEventGridSecret = "fuzz-event-grid-secret-of-the-hub";

    public FieldlinkServer Server { get; } = server;

    public ServerErrorLog Errors { get; } = new();

    public FuzzPools Pools { get; private set; } = null!;

    public StoreFingerprint Fingerprint { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // What would write to the store between requests, long after the request that started it, is off: a command is
        // handed over once (no retries later) and waits for its outcome for days (no time-outs during the run).
        Server.With("Webhooks:DispatcherEnabled", "false")
            .With("Webhooks:AllowedHosts:0", "127.0.0.1")
            .With("Commands:MaxAttempts", "1")
            .With("Commands:OutcomeTimeout", "7.00:00:00")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(Errors));
        await ((IAsyncLifetime)Server).InitializeAsync();
        Admin = Server.Client();
        Admin.Timeout = TimeSpan.FromSeconds(30);

        var seeded = new HashSet<Guid>();
        var vendor = await CreateAsync(seeded, "providers", new { name = "Fuzz vendor", connector = "test-vendor" });
        var listening = await CreateAsync(seeded, "providers", new { name = "Fuzz listener", connector = "listening-only" });
        var instance = await CreateAsync(seeded, "providerInstances", new
        {
            providerId = vendor, name = "Fuzz vendor instance", settings = new { host = "vendor.invalid", behaviour = "ok", commandOutcome = "succeed" },
        });
        var quiet = await CreateAsync(seeded, "providerInstances", new { providerId = listening, name = "Fuzz listener instance", settings = new { } });
        var account = await CreateAsync(seeded, "accounts", new { name = "Fuzz account" });
        var asset = await CreateAsync(seeded, "customerAssets", new { name = "Fuzz asset", accountId = account });
        var category = await CreateAsync(seeded, "deviceCategories", new
        {
            name = "Fuzz category", measures = new[] { new { name = "temperature", unit = "°C", low = 0, high = 50 } },
        });
        var device = await CreateAsync(seeded, "devices", new
        {
            providerInstanceId = instance, name = "Fuzz device 0", deviceId = VendorDeviceIds[0], accountId = account, customerAssetId = asset, categoryId = category,
        });
        await CreateAsync(seeded, "devices", new { providerInstanceId = instance, name = "Fuzz device 1", deviceId = VendorDeviceIds[1] });
        await CreateAsync(seeded, "devices", new { providerInstanceId = quiet, name = "Fuzz listening device", deviceId = "fz-quiet-0" });
        // The http connector's instance takes signed pushes; it has no commandUrl, so it sends nothing anywhere.
        var http = await CreateAsync(seeded, "providers", new { name = "Fuzz http vendor", connector = "http" });
        var pushed = await CreateAsync(seeded, "providerInstances", new
        {
            providerId = http, name = "Fuzz http instance", settings = new { signingSecret = HttpSigningSecret, signatureScheme = "HmacSha256", signatureHeader = "X-Signature" },
        });
        await CreateAsync(seeded, "devices", new { providerInstanceId = pushed, name = "Fuzz http device", deviceId = HttpDeviceId });
        // The Azure IoT Hub instance takes Event Grid deliveries; its hub is never called (no action is routed to it).
        var hubProvider = await CreateAsync(seeded, "providers", new { name = "Fuzz IoT hub", connector = "azure-iot-hub" });
        var hub = await CreateAsync(seeded, "providerInstances", new
        {
            providerId = hubProvider, name = "Fuzz IoT hub instance",
            settings = new { connectionString = "HostName=fuzzhub.azure-devices.invalid;SharedAccessKeyName=fuzz;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", eventGridSecret = IoTHubEventGridSecret },
        });
        await CreateAsync(seeded, "devices", new { providerInstanceId = hub, name = "Fuzz hub device", deviceId = IoTHubDeviceId });
        await CreateAsync(seeded, "webhooks", new { url = "http://127.0.0.1:9/fuzz-hook", eventTypes = new[] { "*" } });

        var alerts = await AlertPosts.PostAsync(Admin, instance, new { deviceId = VendorDeviceIds[0], alertType = "Anomaly", description = "Fuzz alert", alertTime = "2026-11-25T10:00:00Z" });
        var alert = alerts[0]!["alertId"]!.GetValue<Guid>();
        seeded.Add(alert);
        var fuzzCase = (await (await Admin.PostJsonAsync($"/api/v1/alerts/{alert}/case", new { title = "Fuzz case" })).ReadObjectAsync(HttpStatusCode.Created)).Id();
        seeded.Add(fuzzCase);
        seeded.Add((await (await Admin.PostJsonAsync($"/api/v1/cases/{fuzzCase}/workOrder", new { instructions = "Look" })).ReadObjectAsync(HttpStatusCode.Created)).Id());
        var readings = await Admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance}", new[]
        {
            new { deviceId = VendorDeviceIds[0], timestamp = "2026-11-25T10:00:00Z", values = new Dictionary<string, double> { ["temperature"] = 21.5 } },
            new { deviceId = VendorDeviceIds[0], timestamp = "2026-11-25T11:00:00Z", values = new Dictionary<string, double> { ["temperature"] = 22.5 } },
        });
        await readings.ReadObjectAsArrayAsync();
        seeded.Add((await (await Admin.PostJsonAsync($"/api/v1/devices/{device}/commands", new { name = "reboot" })).ReadObjectAsync(HttpStatusCode.Accepted)).Id());

        // The key the fuzz uses is never in a pool: revoking or demoting it would end the run.
        using (var scope = Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Fieldlink.Core.Data.FieldlinkDbContext>();
            foreach (var key in db.ApiKeys.Select(k => k.Id).ToList())
            {
                seeded.Add(key);
            }
        }

        Pools = new FuzzPools(Server.Services, seeded, pushed);
        Fingerprint = new StoreFingerprint(Server.Services);
        await Pools.RefreshAsync();

        // The seeded command is still on its way; the first request's fingerprint must not see it arrive.
        await SettleAsync();
    }

    /// <summary>Waits until what a request set going (a command on its way) is done, so the next fingerprint is the request's alone.</summary>
    public async Task SettleAsync()
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var first = await Fingerprint.TakeAsync();
            await Task.Delay(50);
            if (first == await Fingerprint.TakeAsync() && await Pools.CommandsInFlightAsync() == 0)
            {
                return;
            }
        }
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await ((IAsyncLifetime)Server).DisposeAsync();
    }

    private async Task<Guid> CreateAsync(HashSet<Guid> seeded, string collection, object body)
    {
        var id = (await Admin.CreateAsync(collection, body)).Id();
        seeded.Add(id);
        return id;
    }
}

public sealed class SqliteFuzzStore() : FuzzStore(new SqliteServer());

public sealed class PostgresFuzzStore() : FuzzStore(new PostgresServer());
