using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>Requests to /api/data/v9.2 written as the reference's documentation and samples write them.</summary>
public static class WebApi
{
    public const string Root = "/api/data/v9.2/";

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, Root + path);
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonObject> GetRecordAsync(this HttpClient client, string path, params (string Name, string Value)[] headers) =>
        await (await client.SendAsync(HttpMethod.Get, path, null, headers)).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>Creates a record (204 with OData-EntityId) and returns its id.</summary>
    public static async Task<Guid> CreateAsync(this HttpClient client, string entitySet, string json)
    {
        var response = await client.SendAsync(HttpMethod.Post, entitySet, json);
        await response.ExpectAsync(HttpStatusCode.NoContent);
        return EntityId(response);
    }

    public static Guid EntityId(HttpResponseMessage response)
    {
        var url = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(url[(url.LastIndexOf('(') + 1)..^1]);
    }

    public static async Task ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts the Web API's error shape with this status, and returns its message.</summary>
    public static async Task<string> ReadErrorAsync(this HttpResponseMessage response, HttpStatusCode expected, string? code = null)
    {
        var error = (await response.ReadJsonAsync(expected))["error"]!.AsObject();
        Assert.StartsWith("0x", (string)error["code"]!, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Equal(code, (string)error["code"]!);
        }

        return (string)error["message"]!;
    }
}
