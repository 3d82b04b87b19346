using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>The OpenAPI document, the API reference page and the Prometheus metrics.</summary>
public sealed class DocumentationTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _anonymous = server.Client(key: null);

    [Fact]
    public async Task The_openapi_document_describes_every_collection_and_the_bearer_scheme()
    {
        var document = JsonNode.Parse(await _anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();

        var paths = document["paths"]!.AsObject();
        foreach (var collection in new[] { "providers", "providerInstances", "devices", "accounts", "customerAssets", "deviceCategories", "apiKeys", "webhooks" })
        {
            Assert.True(paths.ContainsKey($"/api/v1/{collection}/{{id}}"), $"No /api/v1/{collection}/{{id}} in the OpenAPI document");
            Assert.NotNull(paths[$"/api/v1/{collection}"]?["post"]);
        }

        Assert.NotNull(paths["/api/v1/settings"]?["patch"]);
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!);
    }

    [Fact]
    public async Task The_openapi_document_types_text_numbers_and_times_read_through_the_checking_converters()
    {
        var schemas = JsonNode.Parse(await _anonymous.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        Assert.Equal("[\"null\",\"string\"]", schemas["ProviderWrite"]!["properties"]!["name"]!["type"]!.ToJsonString());
        Assert.Equal("\"string\"", schemas["ProviderRead"]!["properties"]!["name"]!["type"]!.ToJsonString());
        Assert.Equal("[\"null\",\"number\"]", schemas["MeasureWrite"]!["properties"]!["low"]!["type"]!.ToJsonString());
        Assert.Equal("date-time", (string)schemas["CommandWrite"]!["properties"]!["expiresAt"]!["format"]!);
        Assert.Equal("[\"null\",\"string\"]", schemas["CommandWrite"]!["properties"]!["expiresAt"]!["type"]!.ToJsonString());
    }

    [Fact]
    public async Task The_api_reference_page_is_served_with_its_script()
    {
        var page = await _anonymous.GetAsync("/api-reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_in_prometheus_format_and_count_requests()
    {
        await _anonymous.GetAsync("/healthz");
        var metrics = await _anonymous.GetStringAsync("/metrics");
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
    }
}
