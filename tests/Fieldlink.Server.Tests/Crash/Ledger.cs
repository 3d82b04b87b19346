namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// What the clients of a crash test sent and what was acknowledged to them, to hold the store against after the
/// restart. Every alert has a description of its own, so a stored alert names the item it came from; a reading is
/// one device's value at one second of the test's window, its value the second's number.
/// </summary>
/// <remarks>Thread-safe: the traffic's workers write to it at once.</remarks>
public sealed class Ledger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AlertEntry> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<SentReading, bool> _readings = [];
    private readonly List<string> _conflicts = [];

    /// <summary>An alert sent at least once: how often, and the id it was acknowledged with (when the answer names one).</summary>
    public sealed record AlertEntry(SentAlert Alert)
    {
        public int Sends { get; set; }

        public bool Acknowledged { get; set; }

        public Guid? AlertId { get; set; }
    }

    public int AcknowledgedAlerts
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Values.Count(a => a.Acknowledged);
            }
        }
    }

    public int AcknowledgedReadings
    {
        get
        {
            lock (_lock)
            {
                return _readings.Count(r => r.Value);
            }
        }
    }

    public IReadOnlyList<AlertEntry> Alerts
    {
        get
        {
            lock (_lock)
            {
                return [.. _alerts.Values];
            }
        }
    }

    /// <summary>Each reading sent, and whether it was acknowledged.</summary>
    public IReadOnlyDictionary<SentReading, bool> Readings
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<SentReading, bool>(_readings);
            }
        }
    }

    /// <summary>Answers that contradict an earlier answer for the same alert (another id for the same token, say).</summary>
    public IReadOnlyList<string> Conflicts
    {
        get
        {
            lock (_lock)
            {
                return [.. _conflicts];
            }
        }
    }

    public void Sent(SentAlert alert)
    {
        lock (_lock)
        {
            if (!_alerts.TryGetValue(alert.Description, out var entry))
            {
                _alerts[alert.Description] = entry = new AlertEntry(alert);
            }

            entry.Sends++;
        }
    }

    public void Acknowledged(SentAlert alert, Guid? alertId)
    {
        lock (_lock)
        {
            var entry = _alerts[alert.Description];
            if (alert.Token is not null && alertId is not null && entry.AlertId is { } earlier && earlier != alertId)
            {
                _conflicts.Add($"token {alert.Token} was answered with alert {earlier} and later with {alertId}");
            }

            entry.Acknowledged = true;
            entry.AlertId ??= alertId;
        }
    }

    public void Sent(SentReading reading)
    {
        lock (_lock)
        {
            _readings.TryAdd(reading, false);
        }
    }

    public void Acknowledged(SentReading reading)
    {
        lock (_lock)
        {
            _readings[reading] = true;
        }
    }
}
