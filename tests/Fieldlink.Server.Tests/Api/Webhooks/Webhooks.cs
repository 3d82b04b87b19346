using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Webhooks;

/// <summary>Subscribing and reading deliveries through the API, as the webhook tests do.</summary>
public static class Webhooks
{
    public static async Task<JsonObject> SubscribeAsync(HttpClient admin, string url, params string[] eventTypes)
    {
        var response = await admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = eventTypes.Length == 0 ? ["*"] : eventTypes, description = "test" });
        return await response.ReadObjectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonArray> DeliveriesAsync(HttpClient admin, Guid subscriptionId, string query = "")
    {
        var page = await (await admin.GetAsync($"/api/v1/webhooks/{subscriptionId}/deliveries{query}")).ReadObjectAsync(HttpStatusCode.OK);
        return page["value"]!.AsArray();
    }

    /// <summary>Waits (at most 30 s) until a delivery of the subscription matches <paramref name="done"/>, and returns it.</summary>
    public static async Task<JsonObject> WaitForDeliveryAsync(HttpClient admin, Guid subscriptionId, Func<JsonObject, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var deliveries = await DeliveriesAsync(admin, subscriptionId);
            if (deliveries.Select(d => d!.AsObject()).FirstOrDefault(done) is { } found)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"No delivery became {what}: {deliveries.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Deletes every subscription, so the next test of a shared server starts with none.</summary>
    public static async Task DeleteAllAsync(HttpClient admin)
    {
        var page = await (await admin.GetAsync("/api/v1/webhooks")).ReadObjectAsync(HttpStatusCode.OK);
        foreach (var subscription in page["value"]!.AsArray())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/webhooks/{subscription!.AsObject().Id()}")).StatusCode);
        }
    }
}
