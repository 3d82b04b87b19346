using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Api.Commands;

/// <summary>The command lifecycle, on both databases: queued with the request, sent once, tracked to its outcome.</summary>
public abstract class CommandsTests(FieldlinkServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_command_goes_Queued_Sent_Delivered_Succeeded_with_a_timestamp_per_step()
    {
        var device = await DeviceAsync();

        var response = await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Set Values", parameters = new JsonObject { ["Reading"] = new JsonObject { ["Temperature"] = "30" } } });
        var queued = await response.ReadObjectAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/commands/{queued.Id()}", response.Headers.Location?.OriginalString);

        var done = await WaitForAsync(_admin, queued.Id(), "Succeeded");
        Assert.Equal("Set Values", (string)done["name"]!);
        Assert.Equal("30", (string)done["parameters"]!["Reading"]!["Temperature"]!);
        Assert.Equal("Set Values", (string)done["response"]!["echo"]!);
        var queuedAt = Time(done, "queuedAt");
        Assert.True(queuedAt <= Time(done, "sentAt") && Time(done, "sentAt") <= Time(done, "deliveredAt") && Time(done, "deliveredAt") <= Time(done, "completedAt"), done.ToJsonString());
        Assert.Equal(1, TestVendorInstance.Sent[queued.Id()]);
    }

    [Fact]
    public async Task The_message_a_device_receives_uses_the_property_names_of_the_IoT_settings()
    {
        var device = await DeviceAsync();
        var first = await SendAsync(device.Id(), "Reset Thermostat");
        await WaitForAsync(_admin, first.Id(), "Succeeded");
        Assert.Equal("Reset Thermostat", (string)TestVendorInstance.Messages[first.Id()]["CommandName"]!);

        await (await _admin.PatchJsonAsync("/api/v1/settings", new { commandNameProperty = "cmd", commandParametersProperty = "args" })).ReadObjectAsync(HttpStatusCode.OK);
        try
        {
            var second = await SendAsync(device.Id(), "Reset Thermostat");
            await WaitForAsync(_admin, second.Id(), "Succeeded");
            var message = TestVendorInstance.Messages[second.Id()];
            Assert.Equal("Reset Thermostat", (string)message["cmd"]!);
            Assert.NotNull(message["args"]);
            Assert.False(message.ContainsKey("CommandName"));
        }
        finally
        {
            await (await _admin.PatchJsonAsync("/api/v1/settings", new { commandNameProperty = "CommandName", commandParametersProperty = "Parameters" })).ReadObjectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_command_the_device_fails_ends_Failed_with_its_error()
    {
        var device = await DeviceAsync(commandOutcome: "fail");
        var queued = await SendAsync(device.Id(), "Reset Thermostat");

        var done = await WaitForAsync(_admin, queued.Id(), "Failed");
        Assert.Equal("The device could not do it.", (string)done["error"]!);
    }

    [Fact]
    public async Task A_command_the_system_refuses_ends_Failed_with_the_reason()
    {
        var device = await DeviceAsync(commandOutcome: "refuse");
        var queued = await SendAsync(device.Id(), "Reset Thermostat");

        var done = await WaitForAsync(_admin, queued.Id(), "Failed");
        Assert.Contains("does not take commands", (string)done["error"]!, StringComparison.Ordinal);
        Assert.Null(done["sentAt"]);
    }

    [Fact]
    public async Task A_command_without_an_outcome_times_out()
    {
        var device = await DeviceAsync(commandOutcome: "none");
        var queued = await SendAsync(device.Id(), "Reset Thermostat");

        var done = await WaitForAsync(_admin, queued.Id(), "TimedOut");
        Assert.NotNull(done["sentAt"]);
        Assert.NotNull(done["completedAt"]);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_command()
    {
        var device = await DeviceAsync();
        var first = await SendAsync(device.Id(), "Notification", key: "req-1");
        var again = await SendAsync(device.Id(), "Notification", key: "req-1");
        var other = await SendAsync(device.Id(), "Notification", key: "req-2");

        Assert.Equal(first.Id(), again.Id());
        Assert.NotEqual(first.Id(), other.Id());
        await WaitForAsync(_admin, first.Id(), "Succeeded");
        Assert.Equal(1, TestVendorInstance.Sent[first.Id()]);
        var list = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_command_to_a_customer_asset_goes_to_each_of_its_devices()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Chiller plant") });
        foreach (var n in new[] { 1, 2, 3 })
        {
            await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = $"Sensor {n}", deviceId = Registry.Unique("s"), customerAssetId = asset.Id() });
        }

        var answer = await (await _admin.PostJsonAsync($"/api/v1/customerAssets/{asset.Id()}/commands", new { name = "Notification", parameters = new { Message = "Technician has been dispatched" } })).ReadObjectAsync(HttpStatusCode.Accepted);

        var commands = answer["value"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(3, commands.Count);
        Assert.Equal(3, commands.Select(c => (string)c["deviceRecordId"]!).Distinct().Count());
        Assert.All(commands, c => Assert.Equal(asset.Id(), Guid.Parse((string)c["customerAssetId"]!)));
        foreach (var command in commands)
        {
            await WaitForAsync(_admin, command.Id(), "Succeeded");
        }
    }

    [Fact]
    public async Task An_asset_without_devices_is_409()
    {
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Empty") });
        await (await _admin.PostJsonAsync($"/api/v1/customerAssets/{asset.Id()}/commands", new { name = "Notification" })).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_command_request_is_400_or_404_and_queues_nothing()
    {
        var device = await DeviceAsync();
        await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { parameters = new { } })).ReadFieldErrorAsync("name");
        await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "X", expiresAt = "2020-01-01T00:00:00Z" })).ReadFieldErrorAsync("expiresAt");
        await (await _admin.PostRawAsync($"/api/v1/devices/{device.Id()}/commands", "{\"name\": \"X\", \"parameters\": [1]}")).ReadFieldErrorAsync("parameters");
        await (await _admin.PostJsonAsync($"/api/v1/devices/{Guid.NewGuid()}/commands", new { name = "X" })).ReadProblemAsync(HttpStatusCode.NotFound);

        var list = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_finished_command_cannot_be_canceled()
    {
        var device = await DeviceAsync();
        var queued = await SendAsync(device.Id(), "Reset Thermostat");
        await WaitForAsync(_admin, queued.Id(), "Succeeded");

        var problem = await (await _admin.PostAsync($"/api/v1/commands/{queued.Id()}/cancel", null)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Succeeded", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_are_listed_and_filtered_by_status()
    {
        var device = await DeviceAsync();
        var queued = await SendAsync(device.Id(), "Reset Thermostat");
        await WaitForAsync(_admin, queued.Id(), "Succeeded");

        var list = await (await _admin.GetAsync($"/api/v1/commands?$filter=deviceRecordId eq {device.Id()} and status eq 'Succeeded'")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(queued.Id(), Assert.Single(list["value"]!.AsArray())!.AsObject().Id());
    }

    protected async Task<JsonObject> DeviceAsync(string commandOutcome = "succeed")
    {
        var instance = await Registry.VendorInstanceAsync(_admin, commandOutcome: commandOutcome);
        return await Registry.DeviceAsync(_admin, instance.Id());
    }

    protected Task<JsonObject> SendAsync(Guid deviceId, string name, string? key = null) => SendAsync(_admin, deviceId, name, key);

    internal static async Task<JsonObject> SendAsync(HttpClient client, Guid deviceId, string name, string? key = null, DateTimeOffset? expiresAt = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/devices/{deviceId}/commands")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name, expiresAt }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await (await client.SendAsync(request)).ReadObjectAsync(HttpStatusCode.Accepted);
    }

    /// <summary>
    /// Reads the command until it has <paramref name="status"/> (and, with <paramref name="until"/>, is as that says);
    /// fails if it ends in another final status or takes too long.
    /// </summary>
    internal static async Task<JsonObject> WaitForAsync(HttpClient client, Guid commandId, string status, Func<JsonObject, bool>? until = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var command = await (await client.GetAsync($"/api/v1/commands/{commandId}")).ReadObjectAsync(HttpStatusCode.OK);
            var now = (string)command["status"]!;
            if (now == status && (until is null || until(command)))
            {
                return command;
            }

            if (now == status)
            {
                // In the status asked for, not yet as asked: a moment later it may be.
                Assert.True(DateTime.UtcNow < deadline, $"The command is {now} but not as expected after {Patience.TotalSeconds} s: {command.ToJsonString()}");
                await Task.Delay(50);
                continue;
            }

            Assert.False(now is "Succeeded" or "Failed" or "TimedOut" or "Expired" or "Canceled", $"The command ended {now}, not {status}: {command.ToJsonString()}");
            Assert.True(DateTime.UtcNow < deadline, $"The command is still {now} after {Patience.TotalSeconds} s: {command.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    private static DateTimeOffset Time(JsonObject record, string field) => DateTimeOffset.Parse((string)record[field]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A server whose Sent commands time out after two seconds.</summary>
    public sealed class SqliteCommandServer : SqliteServer
    {
        public SqliteCommandServer() => With("Commands:OutcomeTimeout", "00:00:02");
    }

    /// <summary>A server whose Sent commands time out after two seconds.</summary>
    public sealed class PostgresCommandServer : FieldlinkServer
    {
        private TestDatabase? _database;

        public PostgresCommandServer() => With("Commands:OutcomeTimeout", "00:00:02");

        protected override async Task<string> CreateDatabaseAsync() => (_database = await TestPostgres.CreateDatabaseAsync()).ConnectionString;

        protected override async Task DropDatabaseAsync()
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}

public sealed class CommandsOnSqliteTests(CommandsTests.SqliteCommandServer server) : CommandsTests(server), IClassFixture<CommandsTests.SqliteCommandServer>;

public sealed class CommandsOnPostgresTests(CommandsTests.PostgresCommandServer server) : CommandsTests(server), IClassFixture<CommandsTests.PostgresCommandServer>;
