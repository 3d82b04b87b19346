namespace Fieldlink.Core.Ingestion;

/// <summary>Collects what is wrong with one ingested item, field by field.</summary>
internal sealed class ItemErrors
{
    private Dictionary<string, List<string>>? _errors;

    public bool IsEmpty => _errors is null;

    public void Add(string field, string message)
    {
        _errors ??= new(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Checks a device id; returns it trimmed, or null (with an error) when it is missing or too long.</summary>
    public string? DeviceId(string? deviceId)
    {
        if (string.IsNullOrWhiteSpace(deviceId))
        {
            Add("deviceId", "The deviceId field is required.");
            return null;
        }

        var trimmed = deviceId.Trim();
        if (trimmed.Length > IngestionLimits.DeviceIdMaxLength)
        {
            Add("deviceId", $"The deviceId field must be at most {IngestionLimits.DeviceIdMaxLength} characters.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Checks that a timestamp is not further ahead of <paramref name="now"/> than clocks drift.</summary>
    public void NotInFuture(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is { } at && at - now > IngestionLimits.MaxFutureSkew)
        {
            Add(field, $"The {field} is more than {IngestionLimits.MaxFutureSkew.TotalHours:0} hours ahead of this server's clock ({now:O}).");
        }
    }

    public IngestionOutcome ToOutcome() =>
        IngestionOutcome.Invalid(_errors!.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
