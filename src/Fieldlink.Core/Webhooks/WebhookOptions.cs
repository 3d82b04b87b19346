using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Webhooks;

/// <summary>How webhooks are delivered (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Whether this process delivers webhooks; false for a process that only serves the API. Default: true.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long an attempt may take, connecting included. Default: 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How much of an endpoint's answer is read and kept in the delivery log. Default: 1024 bytes.</summary>
    [Range(0, 65536)]
    public int MaxResponseBytes { get; set; } = 1024;

    /// <summary>How often the dispatcher looks for due deliveries it was not told about. Default: 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher holds deliveries it claimed before another process may take them over, at least (a batch that could take longer is held longer). Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many deliveries a dispatcher claims at once. Default: 50.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How many deliveries of a batch are sent at the same time. Default: 8.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How long a process keeps the set of subscriptions it writes events for. A subscription is guaranteed every
    /// event from this long (plus a second) after its creation; its own process sees it at once. Default: 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SubscriptionCacheLifetime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How much later than the schedule a retry may be, as a fraction of its delay, so endpoints that failed together are not retried together. Default: 0.1.</summary>
    [Range(0.0, 1.0)]
    public double Jitter { get; set; } = 0.1;
}
