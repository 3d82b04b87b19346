using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>
/// The runtime settings the server is built with, as its runtimeconfig.json carries them to every start (the reasons and
/// measurements are in Fieldlink.Server.csproj and docs/configuration.md).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_server_runs_the_server_collector_without_profile_guided_tiering_and_with_idle_workers_that_do_not_spin()
    {
        // The server's build output is copied beside this test assembly with its runtimeconfig.json.
        var path = Path.Combine(AppContext.BaseDirectory, "fieldlink.runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!.AsObject();

        Assert.True((bool)settings["System.GC.Server"]!);
        Assert.False((bool)settings["System.Runtime.TieredPGO"]!);
        Assert.Equal(0, (int)settings["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!);
    }
}
