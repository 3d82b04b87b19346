using System.Net;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Api.Ingestion;

/// <summary>Reading the per-item results an ingestion endpoint answers with.</summary>
public static class IngestionAssertions
{
    /// <summary>Asserts a 200 with a JSON array (showing the problem when it is not one), and returns the array.</summary>
    public static async Task<JsonArray> ReadResultsAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }
}
