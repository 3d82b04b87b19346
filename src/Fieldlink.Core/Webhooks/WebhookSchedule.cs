namespace Fieldlink.Core.Webhooks;

/// <summary>
/// The Standard Webhooks retry schedule: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
/// 20 h and 24 h after each failure; a delivery that fails its tenth attempt is dead.
/// </summary>
public static class WebhookSchedule
{
    /// <summary>The wait before attempt n+2 after attempt n+1 failed (index n).</summary>
    public static IReadOnlyList<TimeSpan> Delays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    /// <summary>How many attempts a delivery gets.</summary>
    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one waits this long.</summary>
    public static TimeSpan MaxRetryAfter { get; } = TimeSpan.FromHours(24);

    /// <summary>
    /// When to try again after <paramref name="attempts"/> failed attempts, or null when that was the last.
    /// <paramref name="retryAfter"/> (the endpoint's <c>Retry-After</c>) is honoured when later than the schedule;
    /// <paramref name="random"/> in [0, 1) spreads the retry over up to <paramref name="jitter"/> of the delay.
    /// </summary>
    public static DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now, TimeSpan? retryAfter, double jitter, double random)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var delay = Delays[attempts - 1];
        delay += TimeSpan.FromTicks((long)(delay.Ticks * jitter * random));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked > MaxRetryAfter ? MaxRetryAfter : asked;
        }

        return now + delay;
    }
}
