using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Mqtt;

/// <summary>Making MQTT provider instances and devices through the API, and waiting for what arrives over MQTT.</summary>
public static class MqttFixture
{
    /// <summary>Settings every MQTT test server gets: instances open within a second, commands time out after five.</summary>
    public static T ForMqtt<T>(this T server)
        where T : FieldlinkServer
    {
        server.With("Connectors:ReconcileInterval", "00:00:01").With("Commands:OutcomeTimeout", "00:00:05");
        return server;
    }

    /// <summary>An MQTT provider instance on the broker at <paramref name="port"/>, and one device per id.</summary>
    public static async Task<(Guid Instance, Dictionary<string, Guid> Devices)> InstanceAsync(HttpClient admin, int port, params string[] deviceIds)
    {
        var provider = await Registry.ProviderAsync(admin, MqttConnector.ConnectorKey);
        var instance = (await Registry.InstanceAsync(admin, provider.Id(), new { host = "127.0.0.1", port, reconnectMinDelayMilliseconds = 50 })).Id();
        var devices = new Dictionary<string, Guid>();
        foreach (var deviceId in deviceIds)
        {
            devices[deviceId] = (await Registry.DeviceAsync(admin, instance, deviceId)).Id();
        }

        return (instance, devices);
    }

    /// <summary>Waits until <paramref name="server"/> has the instance open and connected to its broker, and returns it.</summary>
    public static async Task<MqttInstance> ConnectedAsync(FieldlinkServer server, Guid instanceId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using (var scope = server.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                var instance = await db.ProviderInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
                var provider = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == instance.ProviderId);
                if (await server.Services.GetRequiredService<ConnectorInstances>().GetAsync(instance, provider, CancellationToken.None) is MqttInstance { IsConnected: true } open)
                {
                    return open;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The MQTT instance never connected to its broker.");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="url"/> until <paramref name="done"/> holds for its answer, and returns it.</summary>
    public static async Task<JsonObject> PollAsync(HttpClient client, string url, Func<JsonObject, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var answer = await (await client.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
            if (done(answer))
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Never saw {what}; last answer: {answer.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The readings of a device's measure, in hourly buckets, counted.</summary>
    public static long ReadingCount(JsonObject readings, string measure) =>
        readings["measures"]?[measure]?.AsArray().Sum(b => (long)b!["count"]!) ?? 0;
}
