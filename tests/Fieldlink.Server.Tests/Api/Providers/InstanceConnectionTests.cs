using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Connectors;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Api.Providers;

/// <summary>
/// Each provider instance's <c>connection</c>: what its connector reports (an MQTT broker reached, refused, lost),
/// Disabled for a disabled one, the <c>connectionState</c> filter, and a write that opens, reopens (its provider's
/// connector changed) or closes the instance at once.
/// The server looks for changed instances only every ten minutes, so an instance that opens or closes within the
/// test's deadline did so on the write's signal, not the poll.
/// </summary>
public abstract class InstanceConnectionTests(FieldlinkServer server)
{
    public const string Node = "node-a";

    private readonly HttpClient _admin = server.Client();

    /// <summary>The settings of the test servers: one node name, and a reconcile poll too slow to be what opens an instance.</summary>
    public static T Configured<T>(T server)
        where T : FieldlinkServer
    {
        server.With("Connectors:ReconcileInterval", "00:10:00").With("Connectors:Node", Node);
        return server;
    }

    [Fact]
    public async Task An_mqtt_instance_on_a_live_broker_is_Connected_and_turns_Disconnected_with_the_reason_when_the_broker_stops()
    {
        await using var broker = await Mosquitto.StartAsync();
        var (instance, _) = await MqttFixture.InstanceAsync(_admin, broker.Port);

        var connected = await ConnectionAsync(instance, c => (string?)c["state"] == "Connected", "Connected");
        var node = Assert.Single(connected["nodes"]!.AsArray())!;
        Assert.Equal((Node, "Connected"), ((string)node["node"]!, (string)node["state"]!));
        Assert.NotNull(node["reportedAt"]);
        Assert.Null(connected["lastError"]);

        await broker.StopAsync();
        var lost = await ConnectionAsync(instance, c => (string?)c["state"] == "Disconnected", "Disconnected after the broker stopped");
        Assert.Contains($"127.0.0.1:{broker.Port}", (string)lost["lastError"]!, StringComparison.Ordinal);
        Assert.Equal((string)lost["lastError"]!, (string)lost["nodes"]![0]!["lastError"]!);
        Assert.True((DateTimeOffset)lost["since"]! >= (DateTimeOffset)connected["since"]!);

        await broker.StartAgainAsync();
        await ConnectionAsync(instance, c => (string?)c["state"] == "Connected", "Connected again after the broker came back");
    }

    [Fact]
    public async Task An_mqtt_instance_on_a_closed_port_is_Disconnected_with_the_socket_s_words_and_the_filter_finds_it()
    {
        var port = FieldlinkProcess.FreePort();
        var (instance, _) = await MqttFixture.InstanceAsync(_admin, port);

        var refused = await ConnectionAsync(instance, c => (string?)c["state"] == "Disconnected", "Disconnected");
        var error = (string)refused["lastError"]!;
        Assert.Contains("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);

        var disconnected = await ListAsync("connectionState eq 'Disconnected'");
        Assert.Contains(instance, disconnected);
        Assert.DoesNotContain(instance, await ListAsync("connectionState eq 'Connected'"));
    }

    [Fact]
    public async Task Creating_disabling_and_enabling_an_instance_opens_and_closes_it_at_once_and_a_disabled_one_is_Disabled()
    {
        var open = server.Services.GetRequiredService<ConnectorInstances>();
        var instance = (await Registry.VendorInstanceAsync(_admin)).Id();
        await WithinAsync(() => open.OpenIds.Contains(instance), "opened after its creation");
        await ConnectionAsync(instance, c => (string?)c["state"] == "Connected", "Connected");

        var disabled = await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance}", new { enabled = false })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Disabled", (string)disabled["connection"]!["state"]!);
        await WithinAsync(() => !open.OpenIds.Contains(instance), "closed after it was disabled");
        var read = await ConnectionAsync(instance, c => c["nodes"]!.AsArray().Count == 0, "its process's report gone");
        Assert.Equal("Disabled", (string)read["state"]!);
        Assert.Contains(instance, await ListAsync("connectionState eq 'Disabled'"));
        Assert.DoesNotContain(instance, await ListAsync("connectionState eq 'Connected'"));

        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance}", new { enabled = true })).ReadObjectAsync(HttpStatusCode.OK);
        await WithinAsync(() => open.OpenIds.Contains(instance), "opened after it was enabled");
        await ConnectionAsync(instance, c => (string?)c["state"] == "Connected", "Connected again");
        Assert.Contains(instance, await ListAsync("connectionState eq 'Connected'"));
        Assert.DoesNotContain(instance, await ListAsync("connectionState eq 'Disabled'"));
    }

    [Fact]
    public async Task Deleting_an_instance_closes_it_at_once()
    {
        var open = server.Services.GetRequiredService<ConnectorInstances>();
        var instance = (await Registry.VendorInstanceAsync(_admin)).Id();
        await WithinAsync(() => open.OpenIds.Contains(instance), "opened after its creation");

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/providerInstances/{instance}")).StatusCode);
        await WithinAsync(() => !open.OpenIds.Contains(instance), "closed after it was deleted");
    }

    [Fact]
    public async Task Changing_a_provider_s_connector_reopens_its_instances_with_the_new_one_at_once()
    {
        var provider = (await Registry.ProviderAsync(_admin)).Id();
        var instance = (await Registry.InstanceAsync(_admin, provider)).Id();
        await ConnectionAsync(instance, c => (string?)c["state"] == "Connected", "Connected with the simulator");

        // The test vendor needs a host, which the simulator's settings lack: reopened with it, the instance cannot open, and says why.
        var clock = Stopwatch.StartNew();
        await (await _admin.PatchJsonAsync($"/api/v1/providers/{provider}", new { connector = TestVendorConnector.ConnectorKey })).ReadObjectAsync(HttpStatusCode.OK);
        var failed = await ConnectionAsync(instance, c => (string?)c["state"] == "Disconnected", "Disconnected with the test vendor's connector");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Reopened after {clock.Elapsed} (the promise is 1 s; the margin is for a loaded machine).");
        Assert.Contains($"'{TestVendorConnector.ConnectorKey}' connector", (string)failed["lastError"]!, StringComparison.Ordinal);

        // And back: the simulator opens it again, as at once.
        clock.Restart();
        await (await _admin.PatchJsonAsync($"/api/v1/providers/{provider}", new { connector = "simulator" })).ReadObjectAsync(HttpStatusCode.OK);
        await ConnectionAsync(instance, c => (string?)c["state"] == "Connected", "Connected with the simulator again");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Reopened after {clock.Elapsed} (the promise is 1 s; the margin is for a loaded machine).");
    }

    [Fact]
    public async Task The_list_orders_by_connectionState_and_shows_each_instance_s_connection()
    {
        var enabled = (await Registry.VendorInstanceAsync(_admin)).Id();
        var disabled = (await Registry.VendorInstanceAsync(_admin)).Id();
        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{disabled}", new { enabled = false })).ReadObjectAsync(HttpStatusCode.OK);
        await ConnectionAsync(enabled, c => (string?)c["state"] == "Connected", "Connected");

        var page = await (await _admin.GetAsync($"/api/v1/providerInstances?$filter=id eq {enabled} or id eq {disabled}&$orderby=connectionState desc")).ReadObjectAsync(HttpStatusCode.OK);
        var states = page["value"]!.AsArray().Select(i => ((Guid)i!["id"]!, (string)i["connection"]!["state"]!)).ToList();

        // Declared order: Connecting, Connected, Disconnected, Disabled.
        Assert.Equal([(disabled, "Disabled"), (enabled, "Connected")], states);
    }

    private async Task<List<Guid>> ListAsync(string filter)
    {
        var page = await (await _admin.GetAsync($"/api/v1/providerInstances?$filter={Uri.EscapeDataString(filter)}&$top=1000")).ReadObjectAsync(HttpStatusCode.OK);
        return [.. page["value"]!.AsArray().Select(i => (Guid)i!["id"]!)];
    }

    private async Task<JsonObject> ConnectionAsync(Guid instance, Func<JsonObject, bool> done, string what)
    {
        var read = await MqttFixture.PollAsync(_admin, $"/api/v1/providerInstances/{instance}", i => done(i["connection"]!.AsObject()), what);
        return read["connection"]!.AsObject();
    }

    /// <summary>Waits for <paramref name="done"/>; the poll is ten minutes away, so only the write's signal can make it hold in time.</summary>
    private static async Task WithinAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Not {what} within 5 s (the promise is 1 s; the margin is for a loaded machine).");
            await Task.Delay(20);
        }
    }

    public sealed class OnSqlite : IAsyncLifetime
    {
        public SqliteServer Server { get; } = Configured(new SqliteServer());

        public Task InitializeAsync() => Server.InitializeAsync();

        public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();
    }

    public sealed class OnPostgres : IAsyncLifetime
    {
        public PostgresServer Server { get; } = Configured(new PostgresServer());

        public Task InitializeAsync() => Server.InitializeAsync();

        public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();
    }
}

public sealed class InstanceConnectionOnSqliteTests(InstanceConnectionTests.OnSqlite fixture)
    : InstanceConnectionTests(fixture.Server), IClassFixture<InstanceConnectionTests.OnSqlite>;

public sealed class InstanceConnectionOnPostgresTests(InstanceConnectionTests.OnPostgres fixture)
    : InstanceConnectionTests(fixture.Server), IClassFixture<InstanceConnectionTests.OnPostgres>;
