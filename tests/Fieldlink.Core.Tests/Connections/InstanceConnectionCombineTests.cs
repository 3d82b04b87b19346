using Fieldlink.Core.Connections;
using Fieldlink.Core.Providers;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Tests.Connections;

/// <summary>How the processes' reports combine into one instance's connection.</summary>
public sealed class InstanceConnectionCombineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_disabled_instance_is_Disabled_whatever_its_processes_said()
    {
        var instance = Instance(enabled: false);

        var combined = InstanceConnectionStates.Combine(instance, [Node("a", InstanceConnectionState.Connected, 0)]);

        Assert.Equal((InstanceConnectionState.Disabled, instance.UpdatedAt), (combined.State, combined.Since));
    }

    [Fact]
    public void No_report_yet_is_Connecting()
    {
        var combined = InstanceConnectionStates.Combine(Instance(), []);

        Assert.Equal((InstanceConnectionState.Connecting, (DateTimeOffset?)null, (string?)null), (combined.State, combined.Since, combined.LastError));
    }

    [Fact]
    public void Connected_only_when_every_process_is_and_since_the_last_connected()
    {
        var combined = InstanceConnectionStates.Combine(Instance(), [Node("a", InstanceConnectionState.Connected, 5), Node("b", InstanceConnectionState.Connected, 9)]);

        Assert.Equal((InstanceConnectionState.Connected, T0.AddSeconds(9)), (combined.State, combined.Since));
    }

    [Fact]
    public void One_disconnected_process_makes_it_Disconnected_with_the_first_one_s_error()
    {
        var combined = InstanceConnectionStates.Combine(Instance(),
        [
            Node("a", InstanceConnectionState.Connected, 1),
            Node("b", InstanceConnectionState.Disconnected, 7, "later"),
            Node("c", InstanceConnectionState.Disconnected, 3, "Connection refused (127.0.0.1:1884)"),
            Node("d", InstanceConnectionState.Connecting, 2),
        ]);

        Assert.Equal((InstanceConnectionState.Disconnected, T0.AddSeconds(3), "Connection refused (127.0.0.1:1884)"), (combined.State, combined.Since, combined.LastError));
        Assert.Equal(4, combined.Nodes.Count);
    }

    [Fact]
    public void A_connecting_process_among_connected_ones_makes_it_Connecting()
    {
        var combined = InstanceConnectionStates.Combine(Instance(), [Node("a", InstanceConnectionState.Connected, 1), Node("b", InstanceConnectionState.Connecting, 4)]);

        Assert.Equal((InstanceConnectionState.Connecting, T0.AddSeconds(4)), (combined.State, combined.Since));
    }

    private static ProviderInstance Instance(bool enabled = true) => new() { Name = "i", Enabled = enabled, UpdatedAt = T0.AddMinutes(-1) };

    private static NodeConnection Node(string node, InstanceConnectionState state, int since, string? error = null) =>
        new(node, state, T0.AddSeconds(since), error, T0.AddSeconds(30));
}
