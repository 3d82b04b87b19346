using System.Globalization;
using Fieldlink.Core.Connections;
using Fieldlink.Sdk;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Health;

/// <summary>
/// Degraded when an enabled provider instance is not connected: Disconnected (its connector says why), or Connecting
/// for longer than <see cref="ReadinessOptions.ConnectingGrace"/>. Its devices' messages then do not reach Fieldlink,
/// or its commands cannot go out, while every other part is fine. The data names each enabled instance not connected,
/// with its state, since when and its connector's last error, as <c>GET /api/v1/providerInstances/{id}</c> answers
/// them; disabled instances are closed on purpose and never count. One read of the small connection reports table
/// (<see cref="InstanceConnectionStates.ReadAllAsync"/>), which also feeds the per-instance gauge of
/// <see cref="OperationsGauges"/>.
/// </summary>
public sealed class ProviderInstancesHealthCheck(InstanceConnectionStates states, TimeProvider time, IOptionsMonitor<ReadinessOptions> options, OperationsGauges gauges) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var grace = options.CurrentValue.ConnectingGrace;
        var now = time.GetUtcNow();
        var instances = await states.ReadAllAsync(cancellationToken);
        gauges.RecordInstances(instances);

        var enabled = instances.Where(i => i.Enabled).ToList();
        var notConnected = enabled.Where(i => i.Connection.State != InstanceConnectionState.Connected).ToList();
        var failing = notConnected.Where(i => Fails(i.Connection, now, grace)).ToList();
        var data = new Dictionary<string, object>
        {
            ["enabled"] = enabled.Count,
            ["connected"] = enabled.Count - notConnected.Count,
            ["connectingGraceSeconds"] = grace.TotalSeconds,
            ["notConnected"] = notConnected.Select(Describe).ToList(),
        };

        if (failing.Count > 0)
        {
            var named = string.Join("; ", failing.Take(5).Select(i => Sentence(i, grace)));
            var more = failing.Count > 5 ? $"; and {failing.Count - 5} more (data.notConnected lists them)" : string.Empty;
            return HealthCheckResult.Degraded($"{failing.Count} of {enabled.Count} enabled provider instances are not connected: {named}{more}.", data: data);
        }

        return HealthCheckResult.Healthy(
            enabled.Count == 0 ? "No provider instance is enabled."
            : notConnected.Count == 0 ? (enabled.Count == 1 ? "The one enabled provider instance is connected." : $"All {enabled.Count} enabled provider instances are connected.")
            : $"{notConnected.Count} of {enabled.Count} enabled provider instances are connecting, within the grace of {grace.TotalSeconds:0.###} s.",
            data);
    }

    /// <summary>
    /// Disconnected fails at once; Connecting once it has lasted longer than the grace. An instance no process has
    /// reported on yet (no <c>since</c>) is being opened: a process reports an instance the moment it starts opening it.
    /// </summary>
    private static bool Fails(InstanceConnection connection, DateTimeOffset now, TimeSpan grace) => connection.State switch
    {
        InstanceConnectionState.Disconnected => true,
        InstanceConnectionState.Connecting => connection.Since is { } since && now - since > grace,
        _ => false,
    };

    private static string Sentence(ProviderInstanceConnection instance, TimeSpan grace)
    {
        var since = instance.Connection.Since is { } at ? " since " + at.ToString("O", CultureInfo.InvariantCulture) : string.Empty;
        return instance.Connection.State == InstanceConnectionState.Connecting
            ? $"'{instance.Name}' Connecting{since}, longer than {grace.TotalSeconds:0.###} s"
            : $"'{instance.Name}' {instance.Connection.State}{since}";
    }

    /// <summary>
    /// The instance's entry of <c>data.notConnected</c>, named as the API names its connection. Not its
    /// <c>lastError</c>: the endpoint needs no key, and a connector's words name hosts, ports and a broker's refusal; an
    /// operator reads them where a key is asked (the API's <c>connection</c>, the providers page).
    /// </summary>
    private static Dictionary<string, object?> Describe(ProviderInstanceConnection instance) => new()
    {
        ["name"] = instance.Name,
        ["providerInstanceId"] = instance.ProviderInstanceId,
        ["state"] = instance.Connection.State.ToString(),
        ["since"] = instance.Connection.Since,
    };
}
