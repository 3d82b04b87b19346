namespace Fieldlink.Server.Api.Problems;

/// <summary>Collects what is wrong with a request, field by field, for a 400 problem's <c>errors</c>.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Checks a required text field and returns it trimmed; null (with an error) when missing or too long.</summary>
    public string? Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"The {field} field is required.");
            return null;
        }

        return Optional(field, value, maxLength);
    }

    /// <summary>Checks an optional text field and returns it trimmed, or null when empty.</summary>
    public string? Optional(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"The {field} field must be at most {maxLength} characters.");
            return null;
        }

        return trimmed;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
