using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api;

/// <summary>What a client gets wrong is a 4xx problem that names the fault, and nothing is written.</summary>
public sealed class BadInputTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Malformed_json_is_400_naming_where_it_breaks()
    {
        var name = Registry.Unique("Malformed");
        var response = await _admin.PostRawAsync("/api/v1/providers", $"{{\"name\": \"{name}\", \"connector\": ");

        await response.ReadFieldErrorAsync("connector");
        await AssertNoProviderNamedAsync(name);
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_400_naming_that_field()
    {
        var response = await _admin.PostRawAsync("/api/v1/providers", "{\"name\": 42, \"connector\": \"acme\"}");
        await response.ReadFieldErrorAsync("name");
    }

    [Fact]
    public async Task An_unknown_field_is_400_naming_that_field()
    {
        var name = Registry.Unique("Unknown field");
        var response = await _admin.PostRawAsync("/api/v1/providers", $"{{\"name\": \"{name}\", \"connector\": \"acme\", \"colour\": \"red\"}}");

        await response.ReadFieldErrorAsync("colour");
        await AssertNoProviderNamedAsync(name);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_400_naming_the_field_and_listing_the_values()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var deviceId = Registry.Unique("dev");
        var response = await _admin.PostJsonAsync("/api/v1/devices", new { providerInstanceId = instance.Id(), name = "D", deviceId, registrationStatus = "Sleeping" });

        var message = await response.ReadFieldErrorAsync("registrationStatus");
        Assert.Contains("Registered", message, StringComparison.Ordinal);
        var list = await (await _admin.GetAsync($"/api/v1/devices?$filter=deviceId eq '{deviceId}'&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task An_enum_given_as_a_number_is_400()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var response = await _admin.PostRawAsync("/api/v1/devices", $"{{\"providerInstanceId\": \"{instance.Id()}\", \"name\": \"D\", \"deviceId\": \"n1\", \"registrationStatus\": 3}}");
        await response.ReadFieldErrorAsync("registrationStatus");
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_and_writes_nothing()
    {
        var name = Registry.Unique("Plain text");
        var response = await _admin.PostRawAsync("/api/v1/providers", $"{{\"name\": \"{name}\", \"connector\": \"acme\"}}", "text/plain");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", (string)problem["detail"]!, StringComparison.Ordinal);
        await AssertNoProviderNamedAsync(name);
    }

    [Fact]
    public async Task A_wrong_content_type_on_patch_is_415()
    {
        var provider = await Registry.ProviderAsync(_admin);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/providers/{provider.Id()}")
        {
            Content = new StringContent("{\"description\": \"x\"}", System.Text.Encoding.UTF8, "text/plain"),
        };

        await (await _admin.SendAsync(request)).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_empty_body_is_400_naming_the_body()
    {
        await (await _admin.PostRawAsync("/api/v1/providers", string.Empty)).ReadFieldErrorAsync("body");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_writes_nothing()
    {
        var name = Registry.Unique("Huge");
        var huge = new string('x', 2 * 1024 * 1024);
        var response = await _admin.PostRawAsync("/api/v1/providers", $"{{\"name\": \"{name}\", \"connector\": \"acme\", \"description\": \"{huge}\"}}");

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNoProviderNamedAsync(name);
    }

    [Fact]
    public async Task A_text_field_over_its_length_is_400_naming_it()
    {
        var response = await _admin.PostJsonAsync("/api/v1/providers", new { name = new string('n', 201), connector = "simulator" });
        var message = await response.ReadFieldErrorAsync("name");
        Assert.Contains("200", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_id_in_the_path_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/v1/providers/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task Answers_with_markup_in_them_tell_browsers_not_to_guess_their_type()
    {
        var name = Registry.Unique("<script>alert(1)</script>");
        var created = await _admin.PostJsonAsync("/api/v1/providers", new { name, connector = "simulator" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("<script>", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", created.Headers.GetValues("X-Content-Type-Options")));
        var problem = await _admin.GetAsync("/api/v1/providers?$top=x");
        Assert.Equal("nosniff", string.Join(",", problem.Headers.GetValues("X-Content-Type-Options")));
    }

    private async Task AssertNoProviderNamedAsync(string name)
    {
        var list = await (await _admin.GetAsync($"/api/v1/providers?$filter=name eq '{name}'&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }
}
