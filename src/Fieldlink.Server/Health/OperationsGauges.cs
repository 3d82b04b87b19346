using System.Diagnostics.Metrics;

namespace Fieldlink.Server.Health;

/// <summary>
/// The readiness figures as OpenTelemetry gauges on the <c>Fieldlink</c> meter: <c>fieldlink.webhooks.backlog</c>,
/// <c>fieldlink.webhooks.oldest_pending_age</c> (seconds) and <c>fieldlink.dead_letters.recent</c>. A scrape reads the
/// values the last readiness check found and never queries the store itself, so <c>/metrics</c> stays cheap however
/// often it is scraped; the gauges are absent until the first check (a readiness probe every few seconds keeps them
/// fresh). Singleton and thread-safe.
/// </summary>
public sealed class OperationsGauges
{
    private long _backlog = -1;
    private long _oldestPendingAgeMs = -1;
    private long _recentDeadLetters = -1;

    public OperationsGauges(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create("Fieldlink");
        meter.CreateObservableGauge("fieldlink.webhooks.backlog", () => Read(ref _backlog), "{delivery}", "Webhook deliveries waiting to be delivered, as of the last readiness check");
        meter.CreateObservableGauge("fieldlink.webhooks.oldest_pending_age", () => Read(ref _oldestPendingAgeMs).Select(m => new Measurement<double>(m.Value / 1000.0)), "s", "How long the oldest waiting webhook delivery has waited since its event, as of the last readiness check; 0 when none waits");
        meter.CreateObservableGauge("fieldlink.dead_letters.recent", () => Read(ref _recentDeadLetters), "{message}", "Dead letters received within the readiness window (Readiness:DeadLetterWindow), as of the last readiness check");
    }

    public void RecordOutbox(long backlog, TimeSpan oldestPendingAge)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Interlocked.Exchange(ref _oldestPendingAgeMs, (long)oldestPendingAge.TotalMilliseconds);
    }

    public void RecordDeadLetters(long recent) => Interlocked.Exchange(ref _recentDeadLetters, recent);

    private static IEnumerable<Measurement<long>> Read(ref long value) =>
        Interlocked.Read(ref value) is var current and >= 0 ? [new Measurement<long>(current)] : [];
}
