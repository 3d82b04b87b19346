using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Hosting.OpenApi;

/// <summary>
/// Real answers against the schemas the OpenAPI document declares for them: each status answered is declared, and
/// each field answered is in the schema (and each required one answered), of the declared type. A schema that drifted
/// from its route's answer (a list declared as a record, a field renamed) would make a generated client fail on it.
/// </summary>
public sealed class OpenApiAnswersTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Answers_of_records_lists_and_actions_fit_their_declared_schemas()
    {
        var document = new OpenApiSchemas(JsonNode.Parse(await _admin.GetStringAsync("/openapi/v1.json"))!.AsObject());
        var instance = (await Registry.VendorInstanceAsync(_admin)).Id();
        var deviceRecord = await Registry.DeviceAsync(_admin, instance);
        var device = deviceRecord.Id();
        var faults = new List<string>();

        await FitsAsync(document, await _admin.PostAsync($"/api/v1/devices/{device}/register", null), "/api/v1/devices/{id}/register", "post", faults);
        await FitsAsync(document, await _admin.PostAsync($"/api/v1/devices/{device}/pull", null), "/api/v1/devices/{id}/pull", "post", faults);
        await FitsAsync(document, await _admin.PostJsonAsync($"/api/v1/devices/{device}/commands", new { name = "Reboot" }), "/api/v1/devices/{id}/commands", "post", faults);
        var parent = (await AlertPosts.CreateAsync(_admin, instance, new { deviceId = (string)deviceRecord["deviceId"]!, description = "Too warm" })).AlertId();
        await AlertPosts.CreateAsync(_admin, instance, new { deviceId = (string)deviceRecord["deviceId"]!, description = "Still too warm" });
        var caseRecord = await (await _admin.PostJsonAsync($"/api/v1/alerts/{parent}/case", new { })).ReadObjectAsync(HttpStatusCode.Created);
        await FitsAsync(document, await _admin.PostJsonAsync($"/api/v1/cases/{caseRecord.Id()}/workOrder", new { instructions = "Check the fan." }), "/api/v1/cases/{id}/workOrder", "post", faults);

        var reads = new (string Url, string Template)[]
        {
            ("/api/v1/devices", "/api/v1/devices"),
            ("/api/v1/devices?$count=true&$top=1", "/api/v1/devices"),
            ("/api/v1/devices?$expand=providerInstance($select=name),category,customerAsset", "/api/v1/devices"),
            ($"/api/v1/devices/{device}", "/api/v1/devices/{id}"),
            ($"/api/v1/devices/{device}/commands", "/api/v1/devices/{id}/commands"),
            ($"/api/v1/devices/{device}/registrations", "/api/v1/devices/{id}/registrations"),
            ($"/api/v1/devices/{device}/dataHistory", "/api/v1/devices/{id}/dataHistory"),
            ($"/api/v1/devices/{device}/tiles", "/api/v1/devices/{id}/tiles"),
            ($"/api/v1/devices/{device}/events", "/api/v1/devices/{id}/events"),
            ("/api/v1/alerts", "/api/v1/alerts"),
            ($"/api/v1/alerts/{parent}/children", "/api/v1/alerts/{id}/children"),
            ("/api/v1/cases", "/api/v1/cases"),
            ($"/api/v1/cases/{caseRecord.Id()}/workOrders", "/api/v1/cases/{id}/workOrders"),
            ("/api/v1/commands", "/api/v1/commands"),
            ("/api/v1/providerInstances", "/api/v1/providerInstances"),
            ("/api/v1/apiKeys", "/api/v1/apiKeys"),
            ("/api/v1/settings", "/api/v1/settings"),
            ("/api/v1/connectors", "/api/v1/connectors"),
        };
        foreach (var (url, template) in reads)
        {
            var answer = await FitsAsync(document, await _admin.GetAsync(url), template, "get", faults);
            Assert.True(answer?["value"] is not JsonArray { Count: 0 }, $"{url} answered an empty page: its records' schema went unchecked");
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task Problem_answers_fit_the_problem_schemas()
    {
        var document = new OpenApiSchemas(JsonNode.Parse(await _admin.GetStringAsync("/openapi/v1.json"))!.AsObject());
        var faults = new List<string>();

        await FitsAsync(document, await _admin.GetAsync($"/api/v1/devices/{Guid.NewGuid()}"), "/api/v1/devices/{id}", "get", faults, HttpStatusCode.NotFound);
        await FitsAsync(document, await _admin.GetAsync("/api/v1/devices?$top=many"), "/api/v1/devices", "get", faults, HttpStatusCode.BadRequest);
        await FitsAsync(document, await _admin.PostJsonAsync("/api/v1/providers", new { name = 1 }), "/api/v1/providers", "post", faults, HttpStatusCode.BadRequest);
        await FitsAsync(document, await _admin.PostRawAsync("/api/v1/providers", "name=x", "text/plain"), "/api/v1/providers", "post", faults, HttpStatusCode.UnsupportedMediaType);
        await FitsAsync(document, await server.Client(key: null).GetAsync("/api/v1/devices"), "/api/v1/devices", "get", faults, HttpStatusCode.Unauthorized);
        var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));
        await FitsAsync(document, await technician.GetAsync("/api/v1/apiKeys"), "/api/v1/apiKeys", "get", faults, HttpStatusCode.Forbidden);

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    /// <summary>Checks <paramref name="response"/> against the document's answer for its status; returns the body read.</summary>
    private static async Task<JsonNode?> FitsAsync(
        OpenApiSchemas document, HttpResponseMessage response, string template, string method, List<string> faults, HttpStatusCode? expected = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(expected is null ? status < 300 : response.StatusCode == expected, $"{method.ToUpperInvariant()} {response.RequestMessage?.RequestUri}: {status} {body}");
        var declared = document.Document["paths"]?[template]?[method]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (declared is null)
        {
            faults.Add($"{method.ToUpperInvariant()} {template}: answered {status}, which the document does not declare");
            return null;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        var schema = document.Resolve(declared)["content"]?[mediaType]?["schema"];
        if (schema is null)
        {
            faults.Add($"{method.ToUpperInvariant()} {template} {status}: answered {mediaType}, which the document does not declare");
            return null;
        }

        var answer = JsonNode.Parse(body);
        document.Check(answer, schema, $"{method.ToUpperInvariant()} {template} {status}", faults);
        return answer;
    }
}
