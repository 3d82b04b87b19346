using System.Net;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Posting alerts as a vendor's system would, and reading them back.</summary>
public static class AlertPosts
{
    /// <summary>Posts alerts for <paramref name="instanceId"/> and returns the per-item results.</summary>
    public static async Task<JsonArray> PostAsync(HttpClient client, Guid instanceId, params object[] alerts)
    {
        var response = await client.PostJsonAsync($"/api/v1/ingest/alerts?instance={instanceId}", alerts);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>Posts one alert and returns its result; asserts it was created.</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient client, Guid instanceId, object alert)
    {
        var result = (await PostAsync(client, instanceId, alert))[0]!.AsObject();
        Assert.True((string)result["status"]! == "created", result.ToJsonString());
        return result;
    }

    public static async Task<JsonObject> ReadAsync(HttpClient client, Guid alertId) =>
        await (await client.GetAsync($"/api/v1/alerts/{alertId}")).ReadObjectAsync(HttpStatusCode.OK);

    public static Guid AlertId(this JsonObject result) => Guid.Parse((string)result["alertId"]!);

    public static Guid? ParentId(this JsonObject result) => result["parentAlertId"] is { } parent ? Guid.Parse((string)parent!) : null;
}
