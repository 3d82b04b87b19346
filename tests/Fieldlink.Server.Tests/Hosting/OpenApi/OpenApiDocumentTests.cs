using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fieldlink.Server.Api.OData;
using Fieldlink.Server.Hosting;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Fieldlink.Server.Tests.Hosting.OpenApi;

/// <summary>
/// The whole OpenAPI document, walked operation by operation, so a route added later is held to the same rules: a
/// success schema on every GET, the problem schema on every error of the API, the OData options on every list, every
/// path parameter declared. A generated client is only as whole as the document.
/// </summary>
public sealed partial class OpenApiDocumentTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _anonymous = server.Client(key: null);

    [Fact]
    public async Task The_document_reads_without_errors_or_warnings_with_the_OpenAPI_library()
    {
        var text = await _anonymous.GetStringAsync("/openapi/v1.json");

        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.True(read.Diagnostic?.Errors.Count is null or 0, string.Join("\n", read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(read.Diagnostic?.Warnings.Count is null or 0, string.Join("\n", read.Diagnostic!.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        var document = read.Document ?? throw new Xunit.Sdk.XunitException("The reader read no document");
        var invalid = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(invalid.Count == 0, string.Join("\n", invalid.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(document.Paths.Count > 50, $"Only {document.Paths.Count} paths read");
    }

    [Fact]
    public async Task Every_GET_declares_a_success_answer_with_a_schema()
    {
        var document = await ReadAsync();
        var faults = new List<string>();
        foreach (var (path, method, operation, _) in document.Operations().Where(o => o.Method == "get"))
        {
            var success = (operation["responses"] as JsonObject ?? []).Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                faults.Add($"GET {path}: no 2xx answer");
            }
            else if (success.Any(r => r.Key != "204" && !HasSchema(document.Resolve(r.Value!)["content"] as JsonObject)))
            {
                faults.Add($"GET {path}: a 2xx answer without a schema");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task Every_error_of_the_api_answers_the_problem_schema()
    {
        var document = await ReadAsync();
        var faults = new List<string>();
        foreach (var (path, method, operation, pathItem) in document.Operations())
        {
            // A request with a body or query parameters is refused with a validation problem, whose errors name the field.
            var validated = operation["requestBody"] is not null || document.Parameters(operation, pathItem).Any(p => (string?)p["in"] == "query");
            foreach (var (status, response) in operation["responses"] as JsonObject ?? [])
            {
                if (status[0] is not ('4' or '5'))
                {
                    continue;
                }

                var content = document.Resolve(response!)["content"] as JsonObject;
                if (!path.StartsWith("/api/v1", StringComparison.Ordinal))
                {
                    // Another surface (the Dataverse Web API) answers errors in its own shape; it must still declare one.
                    if (content is not { Count: > 0 } || content.Any(c => c.Value?["schema"] is null))
                    {
                        faults.Add($"{method.ToUpperInvariant()} {path} {status}: no schema");
                    }

                    continue;
                }

                var schema = content?[OpenApiSchemas.ProblemContentType]?["schema"];
                if (content?.Count != 1 || schema is null)
                {
                    faults.Add($"{method.ToUpperInvariant()} {path} {status}: not only {OpenApiSchemas.ProblemContentType} with a schema");
                    continue;
                }

                var properties = document.Resolve(schema)["properties"] as JsonObject;
                if (properties is null || !new[] { "type", "title", "status", "detail" }.All(properties.ContainsKey)
                    || (status == "400" && validated && !properties.ContainsKey("errors")))
                {
                    faults.Add($"{method.ToUpperInvariant()} {path} {status}: the schema is not a problem's{(status == "400" && validated ? " with errors" : string.Empty)}");
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task Every_api_operation_declares_the_errors_its_request_can_cause()
    {
        var document = await ReadAsync();
        var faults = new List<string>();
        foreach (var (path, method, operation, pathItem) in document.Operations().Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            var responses = operation["responses"] as JsonObject ?? [];
            var parameters = document.Parameters(operation, pathItem).ToList();
            var expected = new List<string> { "401", "503" };
            if (operation["requestBody"] is not null)
            {
                expected.AddRange(["400", "413", "415"]);
            }

            if (parameters.Any(p => (string?)p["in"] == "query"))
            {
                expected.Add("400");
            }

            if (parameters.Any(p => (string?)p["in"] == "path"))
            {
                expected.Add("404");
            }

            foreach (var status in expected.Distinct().Where(s => !responses.ContainsKey(s)))
            {
                faults.Add($"{method.ToUpperInvariant()} {path}: no {status}");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task A_key_of_a_role_the_route_refuses_is_declared_as_403()
    {
        var document = await ReadAsync();

        // Every /api/v1 route but the http connector's signed ingestion takes a key whose role may be refused (an
        // Endpoint key reads nothing; a Technician ingests nothing).
        var keyed = document.Operations().Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal) && !o.Path.StartsWith("/api/v1/ingest/{", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(keyed);
        Assert.All(keyed, o => Assert.True(o.Operation["responses"]?["403"] is not null, $"{o.Method.ToUpperInvariant()} {o.Path}: no 403"));
        var signed = Assert.Single(document.Operations(), o => o.Path == "/api/v1/ingest/{providerInstanceId}/alerts");
        Assert.Null(signed.Operation["responses"]?["403"]);
    }

    [Fact]
    public async Task Every_path_parameter_is_declared_required_with_a_schema()
    {
        var document = await ReadAsync();
        var faults = new List<string>();
        foreach (var (path, method, operation, pathItem) in document.Operations())
        {
            var declared = document.Parameters(operation, pathItem).Where(p => (string?)p["in"] == "path").ToList();
            foreach (var name in PathParameter().Matches(path).Select(m => m.Groups[1].Value))
            {
                var parameter = declared.FirstOrDefault(p => (string?)p["name"] == name);
                if (parameter is null || parameter["required"]?.GetValue<bool>() != true || parameter["schema"] is null)
                {
                    faults.Add($"{method.ToUpperInvariant()} {path}: {{{name}}} is not declared as a required path parameter with a schema");
                }
            }

            foreach (var extra in declared.Select(p => (string)p["name"]!).Where(n => !path.Contains($"{{{n}}}", StringComparison.Ordinal)))
            {
                faults.Add($"{method.ToUpperInvariant()} {path}: declares a path parameter '{extra}' the path does not have");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task Every_list_declares_the_OData_query_options_with_their_types()
    {
        var document = await ReadAsync();
        var lists = document.Operations()
            .Where(o => o.Method == "get" && o.Path.StartsWith("/api/v1", StringComparison.Ordinal) && IsPage(document, o.Operation))
            .ToList();

        // Among them the lists of a record's own records, which had no schema at all before.
        foreach (var sub in new[] { "/api/v1/devices/{id}/commands", "/api/v1/devices/{id}/registrations", "/api/v1/devices/{id}/dataHistory", "/api/v1/alerts/{id}/children", "/api/v1/webhooks/{id}/deliveries", "/api/v1/cases/{id}/workOrders", "/api/v1/devices" })
        {
            Assert.Contains(lists, l => l.Path == sub);
        }

        var faults = new List<string>();
        foreach (var (path, _, operation, pathItem) in lists)
        {
            var query = document.Parameters(operation, pathItem).Where(p => (string?)p["in"] == "query").ToDictionary(p => (string)p["name"]!);
            foreach (var option in CollectionQueryOptions.All)
            {
                if (!query.TryGetValue(option.Name, out var parameter))
                {
                    faults.Add($"GET {path}: no {option.Name}");
                    continue;
                }

                var schema = document.Resolve(parameter["schema"]!);
                if (string.IsNullOrWhiteSpace((string?)parameter["description"]) || parameter["required"]?.GetValue<bool>() == true)
                {
                    faults.Add($"GET {path}: {option.Name} is required or has no description");
                }

                var type = (string?)schema["type"];
                var fits = option.Name switch
                {
                    "$top" or "$skip" => type == "integer" && (int?)schema["minimum"] == 0,
                    "$count" => type == "boolean",
                    _ => type == "string",
                };
                if (!fits)
                {
                    faults.Add($"GET {path}: {option.Name} has the schema {schema.ToJsonString()}");
                }

                // $select takes any field of the record: its description names them, as the record's schema does.
                var description = (string?)parameter["description"] ?? string.Empty;
                foreach (var field in option.NamesAnyField ? RecordFields(document, operation) : [])
                {
                    if (!description.Contains(field, StringComparison.Ordinal))
                    {
                        faults.Add($"GET {path}: {option.Name} does not name the field '{field}'");
                    }
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
        Assert.Contains(CollectionQueryOptions.All, o => o.NamesAnyField);
    }

    [Fact]
    public async Task Every_declared_query_option_is_taken_by_a_list_with_its_example()
    {
        var admin = server.Client();
        foreach (var option in CollectionQueryOptions.All)
        {
            var response = await admin.GetAsync($"/api/v1/devices?{Uri.EscapeDataString(option.Name)}={Uri.EscapeDataString(option.Example)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{option.Name}={option.Example}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Content of one or more media types, each with a schema that says something.</summary>
    private static bool HasSchema(JsonObject? content) =>
        content is { Count: > 0 } && content.All(c => c.Value?["schema"] is JsonObject { Count: > 0 });

    /// <summary>An answer that is a page of a collection: an object whose <c>value</c> is a list, with a next link.</summary>
    private static bool IsPage(OpenApiSchemas document, JsonObject operation)
    {
        var success = (operation["responses"] as JsonObject ?? []).FirstOrDefault(r => r.Key == "200").Value;
        var schema = success is null ? null : document.Resolve(success)["content"]?["application/json"]?["schema"];
        var properties = schema is null ? null : document.Resolve(schema)["properties"];
        return properties?["value"] is { } value && (string?)document.Resolve(value)["type"] == "array" && properties["@odata.nextLink"] is not null;
    }

    /// <summary>The fields of the records of a page, as its schema declares them.</summary>
    private static IEnumerable<string> RecordFields(OpenApiSchemas document, JsonObject operation)
    {
        var page = document.Resolve(document.Resolve(operation["responses"]!["200"]!)["content"]!["application/json"]!["schema"]!);
        var record = document.Resolve(document.Resolve(page["properties"]!["value"]!)["items"]!);

        // Its fields, not what OData writes into it: the control information (@odata.context) and the references
        // only $expand brings (a device's providerInstance; the EDM model lets no field share a reference's name).
        var expansions = ODataModel.Navigations.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return record["properties"]!.AsObject().Select(p => p.Key).Where(name => !name.StartsWith('@') && !expansions.Contains(name));
    }

    private async Task<OpenApiSchemas> ReadAsync() =>
        new(JsonNode.Parse(await _anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject());

    [GeneratedRegex(@"\{([^}:]+)\}")]
    private static partial Regex PathParameter();
}
