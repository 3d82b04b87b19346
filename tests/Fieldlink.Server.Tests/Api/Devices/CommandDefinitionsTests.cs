using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Devices;

/// <summary>Command definitions of device categories, and commands checked against them when sent; on both databases.</summary>
public abstract class CommandDefinitionsTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    private static object SetValues => new
    {
        name = "Set Values",
        description = "Sets the target values.",
        parameters = new object[]
        {
            new
            {
                name = "Reading", type = "Object", required = true,
                parameters = new object[] { new { name = "Temperature", type = "WholeNumber", unit = "°C", required = true }, new { name = "Humidity", type = "DecimalNumber", unit = "%" } },
            },
            new { name = "At", type = "DateTime" },
            new { name = "Mode", type = "String", editable = false, visible = false, @default = "auto" },
        },
    };

    [Fact]
    public async Task Commands_with_nested_parameters_round_trip_with_their_defaults_filled()
    {
        var created = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Thermostat"), commands = new[] { SetValues, new { name = "Reset Thermostat" } } });

        var read = await (await _admin.GetAsync($"/api/v1/deviceCategories/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var commands = read["commands"]!.AsArray();
        Assert.Equal(2, commands.Count);
        var reading = commands[0]!["parameters"]![0]!;
        Assert.Equal("Object", (string)reading["type"]!);
        Assert.Equal("°C", (string)reading["parameters"]![0]!["unit"]!);
        Assert.True((bool)reading["parameters"]![0]!["required"]!);
        Assert.True((bool)reading["parameters"]![1]!["editable"]!);
        var mode = commands[0]!["parameters"]![2]!;
        Assert.False((bool)mode["visible"]!);
        Assert.Equal("auto", (string)mode["default"]!);
        Assert.Empty(commands[1]!["parameters"]!.AsArray());
    }

    [Fact]
    public async Task A_parameter_of_an_unknown_type_is_400_naming_it()
    {
        var response = await _admin.PostJsonAsync("/api/v1/deviceCategories", new
        {
            name = Registry.Unique("Bad"),
            commands = new object[] { new { name = "Reset" }, new { name = "Set", parameters = new[] { new { name = "x", type = "Colour" } } } },
        });
        await response.ReadFieldErrorAsync("commands[1].parameters[0].type");
    }

    [Fact]
    public async Task A_command_named_twice_regardless_of_case_or_a_default_of_the_wrong_type_is_400()
    {
        var twice = await _admin.PostJsonAsync("/api/v1/deviceCategories", new { name = Registry.Unique("Twice"), commands = new[] { new { name = "Reset" }, new { name = "RESET" } } });
        await twice.ReadFieldErrorAsync("commands[1].name");

        var wrongDefault = await _admin.PostJsonAsync("/api/v1/deviceCategories", new
        {
            name = Registry.Unique("Default"),
            commands = new[] { new { name = "Set", parameters = new[] { new { name = "Max", type = "WholeNumber", @default = (object)"many" } } } },
        });
        await wrongDefault.ReadFieldErrorAsync("commands[0].parameters[0].default");
    }

    [Fact]
    public async Task A_command_of_a_defined_name_is_held_to_its_definition()
    {
        var device = await DeviceInCategoryAsync(SetValues);
        var url = $"/api/v1/devices/{device.Id()}/commands";

        var missing = await _admin.PostJsonAsync(url, Body("Set Values", """{"Reading": {"Humidity": 40}}"""));
        Assert.Contains("required", await missing.ReadFieldErrorAsync("parameters.Reading.Temperature"), StringComparison.Ordinal);

        var wrongType = await _admin.PostJsonAsync(url, Body("set values", """{"Reading": {"Temperature": "abc"}}"""));
        await wrongType.ReadFieldErrorAsync("parameters.Reading.Temperature");

        var notIso = await _admin.PostJsonAsync(url, Body("Set Values", """{"Reading": {"Temperature": 30}, "At": "30/11/2026"}"""));
        await notIso.ReadFieldErrorAsync("parameters.At");

        var unknown = await _admin.PostJsonAsync(url, Body("Set Values", """{"Reading": {"Temperature": 30}, "Colour": "red"}"""));
        await unknown.ReadFieldErrorAsync("parameters.Colour");

        var changed = await _admin.PostJsonAsync(url, Body("Set Values", """{"Reading": {"Temperature": 30}, "Mode": "manual"}"""));
        await changed.ReadFieldErrorAsync("parameters.Mode");

        var fits = await _admin.PostJsonAsync(url, Body("Set Values", """{"Reading": {"Temperature": "30", "Humidity": 41.5}, "At": "2026-11-30T09:00:00Z", "Mode": "auto"}"""));
        await fits.ReadObjectAsync(HttpStatusCode.Accepted);

        // A name the category does not define passes to the connector as before.
        var other = await _admin.PostJsonAsync(url, Body("Notification", """{"Message": "Technician has been dispatched"}"""));
        await other.ReadObjectAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_command_to_a_customer_asset_holds_each_device_to_its_own_category()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Plant") });
        var strict = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Strict"), commands = new[] { new { name = "Notify", parameters = new[] { new { name = "Message", type = "String", required = true } } } } });
        var loose = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Loose") });
        await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("A"), deviceId = Registry.Unique("a"), categoryId = loose.Id(), customerAssetId = asset.Id() });
        await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("B"), deviceId = Registry.Unique("b"), categoryId = strict.Id(), customerAssetId = asset.Id() });
        var url = $"/api/v1/customerAssets/{asset.Id()}/commands";

        var refused = await _admin.PostJsonAsync(url, Body("Notify", "{}"));
        await refused.ReadFieldErrorAsync("parameters.Message");
        var none = await (await _admin.GetAsync($"/api/v1/commands?$filter=customerAssetId eq {asset.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Empty(none["value"]!.AsArray());

        var sent = await (await _admin.PostJsonAsync(url, Body("Notify", """{"Message": "On our way"}"""))).ReadObjectAsync(HttpStatusCode.Accepted);
        Assert.Equal(2, sent["value"]!.AsArray().Count);
    }

    // Parameter names keep their case: the client's camelCase policy applies to anonymous objects, not to a JsonObject.
    private static JsonObject Body(string name, string parameters) => new() { ["name"] = name, ["parameters"] = JsonNode.Parse(parameters) };

    private async Task<JsonObject> DeviceInCategoryAsync(params object[] commands)
    {
        var category = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Category"), commands });
        var instance = await Registry.VendorInstanceAsync(_admin);
        return await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Device"), deviceId = Registry.Unique("dev"), categoryId = category.Id() });
    }
}

public sealed class CommandDefinitionsOnSqliteTests(SqliteServer server) : CommandDefinitionsTests(server), IClassFixture<SqliteServer>;

public sealed class CommandDefinitionsOnPostgresTests(PostgresServer server) : CommandDefinitionsTests(server), IClassFixture<PostgresServer>;
