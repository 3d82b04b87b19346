using System.Globalization;
using Fieldlink.Server.Tests.Crash;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Xunit.Abstractions;
using static Fieldlink.Server.Tests.Fleet.FleetTraffic;

namespace Fieldlink.Server.Tests.Fleet;

/// <summary>
/// The embedded broker (<c>Mqtt:Broker embedded:PORT</c>) lives in one process, node-a, on the loopback address: the
/// other processes of the same machine connect to it like any broker, without shared subscriptions (MQTTnet gives a
/// <c>$share</c> subscription's messages to every subscriber, so each process subscribes unshared and receives every
/// message). What a fleet can be promised there: SIGKILL of a process that does not host the broker loses nothing —
/// every acknowledged message stored, every command Succeeded — and its persistent session on the broker is taken over
/// and ended, so the broker stops journaling a share for it. The host's own death stops the broker with it; that is
/// the broker's restart (its journal), not a takeover, and is not tried here.
/// </summary>
public sealed class FleetEmbeddedBrokerTests(ITestOutputHelper output) : IDisposable
{
    private readonly FleetTraffic _traffic = new(output);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_SIGKILL_of_a_process_that_does_not_host_the_embedded_broker_under_mixed_traffic_loses_nothing_and_its_session_is_ended()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var port = FieldlinkProcess.FreePort();
        var host = Settings("node-a");
        host["Mqtt:Broker"] = "embedded:" + port.ToString(CultureInfo.InvariantCulture);
        host["DataDir"] = Directory.CreateDirectory(Path.Combine(_directory.Path, "a")).FullName;
        var other = Settings("node-b");
        other["DataDir"] = Directory.CreateDirectory(Path.Combine(_directory.Path, "b")).FullName;
        await using var a = await ServerProcess.StartAsync(database.ConnectionString, host);
        await using var b = await ServerProcess.StartAsync(database.ConnectionString, other);

        await _traffic.KillOneUnderTrafficAsync([a, b], victim: 1, port, seed: 14_061, shared: false);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!a.Log.Contains("Took over dead node node-b's session of provider instance", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"node-a never took node-b's session over:\n{a.Log}");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        _directory.Dispose();
    }
}
