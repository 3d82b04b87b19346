using System.Diagnostics;
using Fieldlink.Server.Tests.Crash;
using Fieldlink.Testing;
using Xunit.Abstractions;

namespace Fieldlink.Server.Tests.Fleet;

/// <summary>
/// A process killed with SIGKILL and started again under its node name on the same machine — systemd's
/// <c>Restart=always</c>, a container's restart policy, the one process of a SQLite install — takes its name back at
/// once: its predecessor's row names this host and a process id that runs nothing any more. Fleet:DeadAfter is set to
/// five minutes, so a restart that waited for the stale heartbeat could not pass (the start itself gives up after one);
/// the bound on the start leaves room for a loaded machine, where starting the process alone has taken 50 s.
/// </summary>
public sealed class FleetRestartTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan DeadAfter = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_process_killed_with_SIGKILL_and_started_again_under_its_node_name_is_up_well_before_DeadAfter()
    {
        var database = Path.Combine(_directory.Path, "fieldlink.db");
        Dictionary<string, string> settings = new()
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Connectors:Node"] = "solo",
            ["Fleet:DeadAfter"] = DeadAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            await first.KillAsync();
        }

        var sinceKill = Stopwatch.StartNew();
        await using var second = await ServerProcess.StartAsync(database, settings);
        var upAfter = sinceKill.Elapsed;
        output.WriteLine($"Up again (first 200 on /healthz) {upAfter.TotalSeconds:F1} s after the kill.");

        Assert.Contains("Node solo was held by process", second.Log, StringComparison.Ordinal);
        Assert.Contains("(ProcessGone: a restart after a crash); took the name without waiting Fleet:DeadAfter", second.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting to see whether it still beats", second.Log, StringComparison.Ordinal);
        Assert.True(upAfter < DeadAfter / 3, $"Up again only {upAfter.TotalSeconds:F1} s after the kill (DeadAfter {DeadAfter.TotalSeconds} s):\n{second.Log}");
    }

    public void Dispose()
    {
        _directory.Dispose();
    }
}
