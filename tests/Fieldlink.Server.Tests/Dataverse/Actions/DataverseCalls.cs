using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse.Actions;

/// <summary>Calls the Web API's actions as the reference's clients do, and reads their answers as those clients would.</summary>
public static class DataverseCalls
{
    public const string Base = "/api/data/v9.2/";

    /// <summary>An EntityCollection of devices, exactly as the reference's documentation writes one.</summary>
    public static JsonArray Devices(params JsonObject[] devices) =>
        [.. devices.Select(d => (JsonNode)new JsonObject
        {
            ["msdyn_iotdeviceid"] = d.Id().ToString().ToUpperInvariant(),
            ["msdyn_name"] = (string)d["name"]!,
            ["@odata.type"] = "Microsoft.Dynamics.CRM.msdyn_iotdevice",
        })];

    public static Task<HttpResponseMessage> CallAsync(this HttpClient client, string action, JsonObject body) =>
        client.PostRawAsync(Base + action, body.ToJsonString());

    /// <summary>
    /// Asserts a 200 typed as the action's response, with OData-Version 4.0, and returns <paramref name="output"/>: a string
    /// of JSON, as the reference types its outputs, parsed.
    /// </summary>
    public static async Task<JsonNode> ReadOutputAsync(this HttpResponseMessage response, string action, string output)
    {
        var answer = await response.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("4.0", Assert.Single(response.Headers.GetValues("OData-Version")));
        Assert.EndsWith($"/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.{action}Response", (string)answer["@odata.context"]!, StringComparison.Ordinal);
        var value = answer[output];
        Assert.True(value?.GetValueKind() == JsonValueKind.String, $"{output} must be a string of JSON: {answer.ToJsonString()}");
        return JsonNode.Parse((string)value!)!;
    }

    /// <summary>Asserts the Web API's error shape, <c>{"error": {"code", "message"}}</c>, with this status and code; returns the message.</summary>
    public static async Task<string> ReadErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ReadObjectAsync(status);
        var error = body["error"]!.AsObject();
        Assert.Equal(code, (string)error["code"]!);
        return (string)error["message"]!;
    }
}
