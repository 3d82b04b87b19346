using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api;

/// <summary>
/// Text, numbers, times and URLs a body carries that the stores cannot keep, or a page should not link to, are a 400
/// naming the field on every write route, PATCH as POST, and nothing is written; on both databases.
/// </summary>
public abstract class BodyInputTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Theory]
    [InlineData("{\"description\": \"a\\ud800b\"}", "description")]
    [InlineData("{\"description\": \"a\\udc00\"}", "description")]
    [InlineData("{\"description\": \"a\\u0000b\"}", "description")]
    [InlineData("{\"description\": \"x\", \"description\": \"y\"}", "description")]
    [InlineData("{\"description\": \"x\", \"Description\": \"y\"}", "Description")]
    public async Task Patch_with_text_the_store_cannot_keep_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var created = await Registry.ProviderAsync(_admin);
        var provider = await (await _admin.GetAsync($"/api/v1/providers/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);

        await (await PatchRawAsync($"/api/v1/providers/{provider.Id()}", Encoding.UTF8.GetBytes(body))).ReadFieldErrorAsync(field);

        var read = await (await _admin.GetAsync($"/api/v1/providers/{provider.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(provider["description"]?.ToJsonString(), read["description"]?.ToJsonString());
        Assert.Equal(provider["updatedAt"]!.ToJsonString(), read["updatedAt"]!.ToJsonString());
    }

    [Fact]
    public async Task Patch_with_invalid_utf8_in_a_value_is_refused_as_post_refuses_it()
    {
        var provider = await Registry.ProviderAsync(_admin);
        byte[] body = [.. "{\"description\": \"a"u8, 0xC3, 0x28, .. "\"}"u8];

        await (await PatchRawAsync($"/api/v1/providers/{provider.Id()}", body)).ReadFieldErrorAsync("description");
        await (await PostBytesAsync("/api/v1/providers", [.. "{\"name\": \"n"u8, 0xC3, 0x28, .. "\", \"connector\": \"simulator\"}"u8])).ReadFieldErrorAsync("name");

        var read = await (await _admin.GetAsync($"/api/v1/providers/{provider.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain('\uFFFD', read["description"]?.ToString() ?? string.Empty);
    }

    [Fact]
    public async Task Patch_with_invalid_utf8_in_a_property_name_is_400()
    {
        var provider = await Registry.ProviderAsync(_admin);
        byte[] body = [.. "{\"desc"u8, 0xFF, .. "\": \"x\"}"u8];

        await (await PatchRawAsync($"/api/v1/providers/{provider.Id()}", body)).ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await PostBytesAsync("/api/v1/providers", [.. "{\"na"u8, 0xFF, .. "me\": \"x\", \"connector\": \"simulator\"}"u8])).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_patch_route_checks_text_the_same_way()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var account = await _admin.CreateAsync("accounts", new { name = Registry.Unique("Acct") });

        await (await PatchRawAsync($"/api/v1/devices/{device.Id()}", "{\"tags\": [\"roof\", \"a\\u0000\"]}"u8.ToArray())).ReadFieldErrorAsync("tags[1]");
        await (await PatchRawAsync($"/api/v1/accounts/{account.Id()}", "{\"address\": \"\\udfff\"}"u8.ToArray())).ReadFieldErrorAsync("address");
        await (await PatchRawAsync("/api/v1/settings", "{\"commandNameProperty\": \"Cmd\\u0000\"}"u8.ToArray())).ReadFieldErrorAsync("commandNameProperty");
        await (await PatchRawAsync($"/api/v1/providerInstances/{instance.Id()}", "{\"name\": \"a\", \"name\": \"b\"}"u8.ToArray())).ReadFieldErrorAsync("name");
    }

    [Fact]
    public async Task Duplicate_keys_in_a_post_are_400()
    {
        var name = Registry.Unique("Twice");
        var response = await _admin.PostRawAsync("/api/v1/providers", $"{{\"name\": \"{name}\", \"name\": \"other\", \"connector\": \"simulator\"}}");

        await response.ReadFieldErrorAsync("name");
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\ud800")]
    public async Task Text_inside_free_form_json_is_checked_on_post_and_patch(string bad)
    {
        var provider = await Registry.ProviderAsync(_admin);
        var response = await _admin.PostRawAsync("/api/v1/providerInstances", $"{{\"providerId\": \"{provider.Id()}\", \"name\": \"{Registry.Unique("I")}\", \"settings\": {{\"k{bad}\": 1}}}}");
        var message = await response.ReadFieldErrorAsync("settings");
        Assert.Contains("property name", message, StringComparison.Ordinal);

        var instance = await Registry.InstanceAsync(_admin, provider.Id());
        await (await PatchRawAsync($"/api/v1/providerInstances/{instance.Id()}", Encoding.UTF8.GetBytes($"{{\"settings\": {{\"note\": \"a{bad}\"}}}}"))).ReadFieldErrorAsync("settings.note");
    }

    [Fact]
    public async Task A_nul_in_a_posted_string_is_400_naming_it_and_writes_nothing()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var deviceId = Registry.Unique("nul");

        await (await _admin.PostRawAsync("/api/v1/devices", $"{{\"providerInstanceId\": \"{instance.Id()}\", \"name\": \"a\\u0000\", \"deviceId\": \"{deviceId}\"}}")).ReadFieldErrorAsync("name");
        await (await _admin.PostRawAsync("/api/v1/accounts", "{\"name\": \"a\", \"address\": \"\\u0000\"}")).ReadFieldErrorAsync("address");

        var list = await (await _admin.GetAsync($"/api/v1/devices?$filter=deviceId eq '{deviceId}'&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_time_outside_the_storable_range_is_400_naming_it()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        var response = await _admin.PostRawAsync($"/api/v1/devices/{device.Id()}/commands", "{\"name\": \"Reset\", \"expiresAt\": \"0001-01-01T00:00:00Z\"}");

        var message = await response.ReadFieldErrorAsync("expiresAt");
        Assert.Contains("2000-01-01", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_too_long_for_a_timespan_is_400_naming_it()
    {
        var response = await PatchRawAsync("/api/v1/settings", "{\"alertGroupingWindow\": \"P1000000Y\"}"u8.ToArray());
        await response.ReadFieldErrorAsync("alertGroupingWindow");
    }

    [Fact]
    public async Task A_null_measure_of_a_device_category_is_400_naming_it()
    {
        var response = await _admin.PostRawAsync("/api/v1/deviceCategories", $"{{\"name\": \"{Registry.Unique("Cat")}\", \"measures\": [null]}}");
        await response.ReadFieldErrorAsync("measures[0]");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public async Task A_number_beyond_a_double_is_400_naming_it(string number)
    {
        var response = await _admin.PostRawAsync("/api/v1/deviceCategories", $"{{\"name\": \"{Registry.Unique("Cat")}\", \"measures\": [{{\"name\": \"t\", \"high\": {number}}}]}}");
        var message = await response.ReadFieldErrorAsync("measures[0].high");
        Assert.Contains("finite", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_aggregate_is_400_naming_it()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        await (await _admin.PostRawAsync($"/api/v1/devices/{device.Id()}/readings/aggregate", "[null]")).ReadFieldErrorAsync("[0]");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://acme.example/file")]
    [InlineData("https://user:pw@acme.example/")]
    [InlineData("https://user@acme.example/")]
    public async Task A_provider_instance_url_must_be_absolute_http_without_user_info(string url)
    {
        var provider = await Registry.ProviderAsync(_admin);
        var response = await _admin.PostJsonAsync("/api/v1/providerInstances", new { providerId = provider.Id(), name = Registry.Unique("I"), url, settings = new { } });
        await response.ReadFieldErrorAsync("url");

        var instance = await Registry.InstanceAsync(_admin, provider.Id());
        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance.Id()}", new { url })).ReadFieldErrorAsync("url");
    }

    [Fact]
    public async Task A_provider_instance_url_may_be_https()
    {
        var provider = await Registry.ProviderAsync(_admin);
        var created = await _admin.CreateAsync("providerInstances", new { providerId = provider.Id(), name = Registry.Unique("I"), url = "https://acme.example/api?x=1", settings = new { } });
        Assert.Equal("https://acme.example/api?x=1", (string)created["url"]!);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://acme.example/file")]
    [InlineData("https://user:pw@acme.example/")]
    public async Task An_alert_url_must_be_absolute_http_without_user_info(string url)
    {
        var instance = await Registry.VendorInstanceAsync(_admin);

        var results = await AlertPosts.PostAsync(_admin, instance.Id(), new { deviceId = "d-1", description = "Fine", url = "https://acme.example/alerts/1" }, new { deviceId = "d-1", description = "Link", url });

        Assert.Equal(["created", "invalid"], results.Select(r => (string)r!["status"]!));
        Assert.True(results[1]!["errors"]!.AsObject().ContainsKey("url"), results[1]!.ToJsonString());
    }

    [Fact]
    public async Task Collections_and_single_records_encode_text_alike()
    {
        var provider = await _admin.CreateAsync("providers", new { name = Registry.Unique("A+B"), connector = "simulator", description = "C++ <tag> & 'quote'" });

        var single = await (await _admin.GetAsync($"/api/v1/providers/{provider.Id()}")).Content.ReadAsStringAsync();
        var list = await (await _admin.GetAsync($"/api/v1/providers?$filter=id eq {provider.Id()}")).Content.ReadAsStringAsync();

        var description = single[single.IndexOf("\"description\"", StringComparison.Ordinal)..];
        description = description[..(description.IndexOf("\",", StringComparison.Ordinal) + 1)];
        Assert.Contains("C++", description, StringComparison.Ordinal);
        Assert.Contains(description, list, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", list, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PatchRawAsync(string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        return _admin.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = content });
    }

    private Task<HttpResponseMessage> PostBytesAsync(string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _admin.PostAsync(url, content);
    }
}

public sealed class BodyInputOnSqliteTests(SqliteServer server) : BodyInputTests(server), IClassFixture<SqliteServer>;

public sealed class BodyInputOnPostgresTests(PostgresServer server) : BodyInputTests(server), IClassFixture<PostgresServer>;
