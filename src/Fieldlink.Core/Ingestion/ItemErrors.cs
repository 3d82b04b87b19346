using System.Text.Json.Nodes;
using Fieldlink.Core.Validation;

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
        if (!Text("deviceId", trimmed))
        {
            return null;
        }

        if (trimmed.Length > IngestionLimits.DeviceIdMaxLength)
        {
            Add("deviceId", $"The deviceId field must be at most {IngestionLimits.DeviceIdMaxLength} characters.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Checks text against <see cref="StorableValues.TextProblem"/>; false (with an error) when it cannot be stored.</summary>
    public bool Text(string field, string? value)
    {
        if (StorableValues.TextProblem(value) is { } problem)
        {
            Add(field, $"The {field} {problem}");
            return false;
        }

        return true;
    }

    /// <summary>Checks JSON against <see cref="StorableValues.JsonProblem"/>: its strings, property names and numbers.</summary>
    public bool Json(string field, JsonNode? value)
    {
        if (StorableValues.JsonProblem(value) is { } problem)
        {
            Add(field, $"The {field} {problem}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Checks a device's timestamp: within <see cref="StorableValues"/>' range (a clock never set, or Unix seconds sent
    /// for milliseconds, lands before it) and not further ahead of <paramref name="now"/> than clocks drift.
    /// </summary>
    public void Time(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is not { } at)
        {
            return;
        }

        if (StorableValues.TimeProblem(at) is { } problem)
        {
            Add(field, $"The {field} {problem}");
        }
        else if (at - now > IngestionLimits.MaxFutureSkew)
        {
            Add(field, $"The {field} is more than {IngestionLimits.MaxFutureSkew.TotalHours:0} hours ahead of this server's clock ({now:O}).");
        }
    }

    public IngestionOutcome ToOutcome() =>
        IngestionOutcome.Invalid(_errors!.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
