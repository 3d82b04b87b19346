using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using Fieldlink.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Connectors.AzureIoTHub.Tests;

/// <summary>
/// The instance against <see cref="FakeIoTHub"/>, which answers as the REST reference documents and checks every
/// request's path, api-version and SAS token: registration, pulls, direct methods, desired-property commands,
/// throttling, and a refused key.
/// </summary>
public sealed class AzureIoTHubInstanceTests : IAsyncLifetime
{
    private readonly RecordingSink _sink = new();
    private FakeIoTHub _hub = null!;

    private FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public async Task InitializeAsync() => _hub = await FakeIoTHub.StartAsync(Time);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Register_creates_the_identity_with_symmetric_key_authentication_and_never_returns_its_keys()
    {
        await using var instance = Open();

        var result = Assert.Single(await instance.RegisterDevicesAsync([Device("pump-7")], CancellationToken.None));

        Assert.Equal(RegistrationStatus.Registered, result.Status);
        var request = Assert.Single(_hub.Requests);
        Assert.Equal(("PUT", "/devices/pump-7", "?api-version=2021-04-12"), (request.Method, request.Path, request.Query));
        Assert.False(request.Headers.ContainsKey("If-Match"));
        var sent = JsonNode.Parse(request.Body)!;
        Assert.Equal("sas", (string)sent["authentication"]!["type"]!);
        Assert.Equal("enabled", (string)sent["status"]!);
        var keys = _hub.Devices["pump-7"]["authentication"]!["symmetricKey"]!;
        Assert.DoesNotContain((string)keys["primaryKey"]!, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain((string)keys["secondaryKey"]!, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_of_a_disabled_device_the_hub_has_answers_409_then_enables_it_with_its_ETag()
    {
        _hub.AddDevice("pump-7", status: "disabled");
        var keyBefore = (string)_hub.Devices["pump-7"]["authentication"]!["symmetricKey"]!["primaryKey"]!;
        var etag = (string)_hub.Devices["pump-7"]["etag"]!;
        await using var instance = Open();

        var result = Assert.Single(await instance.RegisterDevicesAsync([Device("pump-7")], CancellationToken.None));

        Assert.Equal(RegistrationStatus.Registered, result.Status);
        Assert.Contains("enabled it", result.Message, StringComparison.Ordinal);
        Assert.Equal(["PUT", "GET", "PUT"], _hub.Requests.Select(r => r.Method));
        Assert.Equal($"\"{etag}\"", _hub.Requests.Last().Headers.IfMatch.ToString());
        Assert.Equal("enabled", (string)_hub.Devices["pump-7"]["status"]!);
        Assert.Equal(keyBefore, (string)_hub.Devices["pump-7"]["authentication"]!["symmetricKey"]!["primaryKey"]!);
    }

    [Fact]
    public async Task Register_of_an_enabled_device_the_hub_has_leaves_it_as_it_is()
    {
        _hub.AddDevice("pump-7");
        await using var instance = Open();

        var result = Assert.Single(await instance.RegisterDevicesAsync([Device("pump-7")], CancellationToken.None));

        Assert.Equal(RegistrationStatus.Registered, result.Status);
        Assert.Equal(["PUT", "GET"], _hub.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Pull_reads_the_twin_s_reported_properties_connection_state_its_time_and_last_activity()
    {
        _hub.AddDevice("pump-7", connectionState: "Connected");
        _hub.Reported["pump-7"] = new JsonObject { ["temperature"] = 65.6, ["firmware"] = "1.2.0" };
        await using var instance = Open(s => s.ReportedProperties = ["temperature"]);
        var device = Device("pump-7");

        var data = Assert.Single(await instance.PullDeviceDataAsync([device, Device("ghost")], CancellationToken.None).ContinueWith(t => t.Result.Where(d => d.Id == device.Id).ToList(), TaskScheduler.Default));

        Assert.Equal(DeviceDataStatus.Enabled, data.Status);
        Assert.Equal(ConnectionState.Connected, data.ConnectionState);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), data.ConnectionStateChangedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), data.LastActivityAt);
        Assert.Equal("""{"temperature":65.6}""", data.ReportedProperties!.ToJsonString());
        Assert.Contains(_hub.Requests, r => r is { Method: "GET", Path: "/twins/pump-7", Query: "?api-version=2021-04-12" });
    }

    [Fact]
    public async Task Pull_of_a_device_the_hub_does_not_have_says_NotFound()
    {
        await using var instance = Open();

        var data = Assert.Single(await instance.PullDeviceDataAsync([Device("ghost")], CancellationToken.None));

        Assert.Equal(DeviceDataStatus.NotFound, data.Status);
    }

    [Fact]
    public async Task A_direct_method_the_device_answers_2xx_is_Succeeded_with_its_payload()
    {
        _hub.AddDevice("pump-7", connectionState: "Connected");
        _hub.Methods = (id, method, payload) => (200, new JsonObject { ["echo"] = payload?.DeepClone(), ["method"] = method });
        await using var instance = Open();
        var command = Command("pump-7", "Reset Thermostat", new JsonObject { ["setpoint"] = 19 });

        var acceptance = await instance.SendCommandAsync(command, CancellationToken.None);

        Assert.Equal(CommandAcceptance.Taken, acceptance);
        var request = Assert.Single(_hub.Requests);
        Assert.Equal(("POST", "/twins/pump-7/methods", "?api-version=2021-04-12"), (request.Method, request.Path, request.Query));
        var call = JsonNode.Parse(request.Body)!;
        Assert.Equal(("Reset Thermostat", 30, 0), ((string)call["methodName"]!, (int)call["responseTimeoutInSeconds"]!, (int)call["connectTimeoutInSeconds"]!));
        var status = Assert.Single(_sink.Statuses);
        Assert.Equal((command.CommandId, CommandStatus.Succeeded), (status.CommandId, status.Status));
        Assert.Equal(19, (int)status.Response!["echo"]!["setpoint"]!);
    }

    [Fact]
    public async Task A_direct_method_the_device_answers_with_another_status_is_Failed_with_that_status_and_payload()
    {
        _hub.AddDevice("pump-7", connectionState: "Connected");
        _hub.Methods = (_, _, _) => (500, new JsonObject { ["reason"] = "valve stuck" });
        await using var instance = Open();

        await instance.SendCommandAsync(Command("pump-7", "Open Valve", []), CancellationToken.None);

        var status = Assert.Single(_sink.Statuses);
        Assert.Equal(CommandStatus.Failed, status.Status);
        Assert.Contains("500", status.Error, StringComparison.Ordinal);
        Assert.Equal("valve stuck", (string)status.Response!["reason"]!);
    }

    [Fact]
    public async Task A_direct_method_to_an_offline_device_or_one_that_does_not_answer_is_TimedOut_and_not_retried()
    {
        _hub.AddDevice("offline-pump");
        _hub.AddDevice("slow-pump", connectionState: "Connected");
        _hub.Methods = (_, _, _) => null;
        await using var instance = Open();

        await instance.SendCommandAsync(Command("offline-pump", "Reset", []), CancellationToken.None);
        await instance.SendCommandAsync(Command("slow-pump", "Reset", []), CancellationToken.None);

        Assert.Equal([CommandStatus.TimedOut, CommandStatus.TimedOut], _sink.Statuses.Select(s => s.Status));
        Assert.Contains("not connected", _sink.Statuses.First().Error, StringComparison.Ordinal);
        Assert.Contains("did not answer", _sink.Statuses.Last().Error, StringComparison.Ordinal);
        Assert.Equal(2, _hub.Requests.Count);
    }

    [Fact]
    public async Task A_direct_method_to_a_device_the_hub_does_not_have_is_refused()
    {
        await using var instance = Open();

        var acceptance = await instance.SendCommandAsync(Command("ghost", "Reset", []), CancellationToken.None);

        Assert.False(acceptance.Accepted);
        Assert.Contains("404", acceptance.Reason, StringComparison.Ordinal);
        Assert.Contains("DeviceNotFound", acceptance.Detail, StringComparison.Ordinal);
        Assert.Empty(_sink.Statuses);
    }

    [Fact]
    public async Task A_desired_property_command_is_Delivered_when_patched_and_Succeeded_once_the_device_reports_the_values_back()
    {
        _hub.AddDevice("pump-7");
        await using var instance = Open(s => s.DesiredPropertyCommands = ["Set Values"]);
        var command = Command("pump-7", "Set Values", new JsonObject { ["Reading"] = new JsonObject { ["Temperature"] = "30" } });

        await instance.SendCommandAsync(command, CancellationToken.None);
        var patch = Assert.Single(_hub.Requests);
        await instance.CheckReportedBackNowAsync(CancellationToken.None);
        var beforeReport = _sink.Statuses.Select(s => s.Status).ToList();
        _hub.Reported["pump-7"] = new JsonObject { ["Reading"] = new JsonObject { ["Temperature"] = "30", ["Humidity"] = "40" } };
        await instance.CheckReportedBackNowAsync(CancellationToken.None);

        Assert.Equal(("PATCH", "/twins/pump-7", "?api-version=2021-04-12"), (patch.Method, patch.Path, patch.Query));
        Assert.Equal("30", (string)JsonNode.Parse(patch.Body)!["properties"]!["desired"]!["Reading"]!["Temperature"]!);
        Assert.Equal("30", (string)_hub.Desired["pump-7"]["Reading"]!["Temperature"]!);
        Assert.Equal([CommandStatus.Delivered], beforeReport);
        Assert.Equal([CommandStatus.Delivered, CommandStatus.Succeeded], _sink.Statuses.Select(s => s.Status));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_hub_s_Retry_After_and_not_before()
    {
        _hub.AddDevice("pump-7");
        _hub.ThrottleNext = 1;
        await using var instance = Open();

        var pull = instance.PullDeviceDataAsync([Device("pump-7")], CancellationToken.None);
        await WaitForAsync(() => _hub.Requests.Count >= 2);
        Time.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(200);
        var beforeRetryAfter = _hub.Requests.Count;
        Time.Advance(TimeSpan.FromMilliseconds(100));
        var data = Assert.Single(await pull.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, beforeRetryAfter);
        Assert.Equal(3, _hub.Requests.Count);
        Assert.Equal(DeviceDataStatus.Enabled, data.Status);
    }

    [Fact]
    public async Task The_token_is_renewed_before_it_expires_and_the_hub_takes_both()
    {
        _hub.AddDevice("pump-7");
        await using var instance = Open();

        await instance.PullDeviceDataAsync([Device("pump-7")], CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(55));
        await instance.PullDeviceDataAsync([Device("pump-7")], CancellationToken.None);

        Assert.Equal(2, _hub.Tokens.Distinct().Count());
        Assert.Equal(4, _hub.Tokens.Count);
    }

    [Fact]
    public async Task A_key_the_hub_does_not_know_fails_registration_with_the_hub_s_refusal_named()
    {
        await using var instance = Open(s => s.ConnectionString = $"HostName={FakeIoTHub.HostName};SharedAccessKeyName={FakeIoTHub.PolicyName};SharedAccessKey={Convert.ToBase64String(new byte[32])}");

        var result = Assert.Single(await instance.RegisterDevicesAsync([Device("pump-7")], CancellationToken.None));

        Assert.Equal(RegistrationStatus.Error, result.Status);
        Assert.Contains("401", result.Message, StringComparison.Ordinal);
        Assert.Contains("refused Fieldlink's token", result.Message, StringComparison.Ordinal);
        Assert.Empty(_hub.Tokens);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private AzureIoTHubInstance Open(Action<AzureIoTHubSettings>? configure = null)
    {
        var settings = new AzureIoTHubSettings
        {
            ConnectionString = $"HostName={FakeIoTHub.HostName};SharedAccessKeyName={FakeIoTHub.PolicyName};SharedAccessKey={FakeIoTHub.PolicyKey}",
            EventGridSecret = "event-grid-secret-0123456789",
            ServiceUrl = _hub.Url.ToString(),
        };
        configure?.Invoke(settings);
        return (AzureIoTHubInstance)new AzureIoTHubConnector().Open(new ConnectorContext(Guid.NewGuid(), "Hub under test", null, settings, _sink, new TestLog(), Time));
    }

    private static DeviceRef Device(string deviceId) => new(Guid.NewGuid(), deviceId, deviceId, null, Simulated: false);

    private DeviceCommand Command(string deviceId, string name, JsonObject parameters) =>
        new(Guid.NewGuid(), Device(deviceId), name, parameters, Time.GetUtcNow().AddHours(1));
}
