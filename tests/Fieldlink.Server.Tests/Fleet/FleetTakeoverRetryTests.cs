using System.Net;
using System.Text.RegularExpressions;
using Fieldlink.Server.Tests.Crash;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;
using Xunit.Abstractions;

namespace Fieldlink.Server.Tests.Fleet;

/// <summary>
/// A survivor's takeover of a dead process's MQTT session that fails — the broker down at that moment — is not
/// forgotten: it is tried again at each heartbeat, and once the broker is back the messages it parked in the dead
/// process's session are stored. Two real processes on PostgreSQL and Mosquitto (persistent, so a broker restart keeps
/// the sessions and their queued messages, as a production broker's does).
/// </summary>
public sealed partial class FleetTakeoverRetryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_takeover_that_fails_while_the_broker_is_down_is_tried_again_and_stores_the_dead_process_s_share_once_it_is_back()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var broker = await Mosquitto.StartAsync();
        await using var a = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-a"));
        await using var b = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-b"));
        using var admin = b.Client();
        var (instance, _) = await MqttFixture.InstanceAsync(admin, broker.Port, "pump-1");
        await MqttFixture.PollAsync(admin, $"/api/v1/providerInstances/{instance}",
            i => i["connection"]!["nodes"]!.AsArray().Count == 2 && (string?)i["connection"]!["state"] == "Connected", "both processes connected");

        await a.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;

        // The broker acknowledges each and gives about half to node-a's session, which nobody reads any more.
        const int published = 20;
        for (var i = 0; i < published; i++)
        {
            Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-t", "devices/pump-1/alerts", "-m", $$"""{"description": "After {{i}}"}""")).ExitCode);
        }

        // Down before node-b finds node-a dead (20 s after its last beat): the takeover fails.
        Assert.True(DateTimeOffset.UtcNow - killedAt < TimeSpan.FromSeconds(15), "Publishing took too long to stop the broker before the takeover.");
        await broker.StopAsync();
        await WaitForLogAsync(b, FailedTakeover(), TimeSpan.FromSeconds(60), "node-b's failed takeover of node-a's session");
        output.WriteLine($"The takeover failed {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:F1} s after the kill; starting the broker again.");
        Assert.DoesNotMatch(TookOver(), b.Log);

        await broker.StartAgainAsync();
        var tookOver = await WaitForLogAsync(b, TookOver(), TimeSpan.FromSeconds(60), "node-b's takeover of node-a's session once the broker was back");
        output.WriteLine(tookOver.Value);
        Assert.True(int.Parse(tookOver.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, tookOver.Value);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var stored = await (await admin.GetAsync(new Uri($"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$top=200", UriKind.Relative))).ReadObjectAsync(HttpStatusCode.OK);
            var descriptions = stored["value"]!.AsArray().Select(x => (string)x!["description"]!).ToList();
            if (descriptions.Count >= published)
            {
                Assert.Equal(Enumerable.Range(0, published).Select(i => $"After {i}").Order(), descriptions.Distinct().Order());
                break;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{descriptions.Count} of {published} alerts stored:\n{b.Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>Dead after 20 s, so the test has time to stop the broker first on a loaded machine.</summary>
    private static Dictionary<string, string> Settings(string node) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Connectors:Node"] = node,
        ["Fleet:DeadAfter"] = "00:00:20",
    };

    private static async Task<Match> WaitForLogAsync(ServerProcess server, Regex pattern, TimeSpan within, string what)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var match = pattern.Match(server.Log);
            if (match.Success)
            {
                return match;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Never saw {what}:\n{server.Log}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Could not take over dead node node-a's session of provider instance \S+; trying again at the next heartbeat")]
    private static partial Regex FailedTakeover();

    [GeneratedRegex(@"Took over dead node node-a's session of provider instance \S+: stored the (\d+) messages")]
    private static partial Regex TookOver();
}
