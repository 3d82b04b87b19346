using System.Diagnostics.Metrics;
using Fieldlink.Core.Connections;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Health;

/// <summary>
/// The readiness figures as OpenTelemetry gauges on the <c>Fieldlink</c> meter: <c>fieldlink.webhooks.backlog</c>,
/// <c>fieldlink.webhooks.oldest_pending_age</c> (seconds), <c>fieldlink.dead_letters.recent</c>, and
/// <c>fieldlink.provider_instance.connection_state</c>: per provider instance one series per state, 1 for the state it
/// is in and 0 for the others (a state set, as Prometheus' exporters give an enum, so a query needs no mapping of
/// numbers to states: <c>fieldlink_provider_instance_connection_state{state="Disconnected"} == 1</c>). A scrape reads the
/// values the last readiness check found and never queries the store itself, so <c>/metrics</c> stays cheap however
/// often it is scraped; the gauges are absent until the first check (a readiness probe every few seconds keeps them
/// fresh). Singleton and thread-safe.
/// </summary>
public sealed class OperationsGauges
{
    private long _backlog = -1;
    private long _oldestPendingAgeMs = -1;
    private long _recentDeadLetters = -1;
    private volatile IReadOnlyList<ProviderInstanceConnection>? _instances;

    public OperationsGauges(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create("Fieldlink");
        meter.CreateObservableGauge("fieldlink.webhooks.backlog", () => Read(ref _backlog), "{delivery}", "Webhook deliveries waiting to be delivered, as of the last readiness check");
        meter.CreateObservableGauge("fieldlink.webhooks.oldest_pending_age", () => Read(ref _oldestPendingAgeMs).Select(m => new Measurement<double>(m.Value / 1000.0)), "s", "How long the oldest waiting webhook delivery has waited since its event, as of the last readiness check; 0 when none waits");
        meter.CreateObservableGauge("fieldlink.dead_letters.recent", () => Read(ref _recentDeadLetters), "{message}", "Dead letters received within the readiness window (Readiness:DeadLetterWindow), as of the last readiness check");
        meter.CreateObservableGauge("fieldlink.provider_instance.connection_state", ReadInstances, null, "1 for the connection state each provider instance is in (Connecting, Connected, Disconnected, Disabled), 0 for the others, as of the last readiness check");
    }

    public void RecordOutbox(long backlog, TimeSpan oldestPendingAge)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Interlocked.Exchange(ref _oldestPendingAgeMs, (long)oldestPendingAge.TotalMilliseconds);
    }

    public void RecordDeadLetters(long recent) => Interlocked.Exchange(ref _recentDeadLetters, recent);

    /// <summary>Every provider instance's connection as the readiness check read it; an instance deleted since drops out.</summary>
    public void RecordInstances(IReadOnlyList<ProviderInstanceConnection> instances) => _instances = instances;

    /// <summary>
    /// Labelled <c>provider_instance</c> (the name) and <c>provider_instance_id</c>, not <c>instance</c>: Prometheus
    /// gives every scraped series an <c>instance</c> label of its own (the scraped process), and would rename ours.
    /// </summary>
    private IEnumerable<Measurement<long>> ReadInstances()
    {
        foreach (var instance in _instances ?? [])
        {
            var id = instance.ProviderInstanceId.ToString();
            foreach (var state in Enum.GetValues<InstanceConnectionState>())
            {
                yield return new Measurement<long>(
                    instance.Connection.State == state ? 1 : 0,
                    new KeyValuePair<string, object?>("provider_instance", instance.Name),
                    new KeyValuePair<string, object?>("provider_instance_id", id),
                    new KeyValuePair<string, object?>("state", state.ToString()));
            }
        }
    }

    private static IEnumerable<Measurement<long>> Read(ref long value) =>
        Interlocked.Read(ref value) is var current and >= 0 ? [new Measurement<long>(current)] : [];
}
