namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// A topic template such as <c>devices/{deviceId}/commands/{commandId}</c>: the filter to subscribe with (each
/// placeholder a <c>+</c>), the topic for given values, and the values read back from a topic that matches.
/// </summary>
internal sealed class TopicTemplate
{
    public const string DeviceId = "{deviceId}";
    public const string CommandId = "{commandId}";

    private readonly string[] _levels;

    public TopicTemplate(string template) => _levels = template.Split('/');

    public string Filter => string.Join('/', _levels.Select(l => l.StartsWith('{') ? "+" : l));

    /// <summary>Why the template cannot be used, or null: it must hold each placeholder once as a whole level, and no wildcard.</summary>
    public static string? Check(string? template, string[] placeholders)
    {
        if (string.IsNullOrWhiteSpace(template) || template.Length > 200)
        {
            return "A topic template is 1 to 200 characters.";
        }

        if (template.Contains('+', StringComparison.Ordinal) || template.Contains('#', StringComparison.Ordinal) || template.StartsWith('$'))
        {
            return $"The topic template '{template}' may not hold the wildcards + or #, nor start with $.";
        }

        var levels = template.Split('/');
        foreach (var placeholder in placeholders)
        {
            if (levels.Count(l => l == placeholder) != 1)
            {
                return $"The topic template '{template}' must hold {placeholder} once, as a whole level (e.g. devices/{placeholder}/...).";
            }
        }

        var unknown = levels.FirstOrDefault(l => l.Contains('{', StringComparison.Ordinal) && !placeholders.Contains(l));
        return unknown is null ? null : $"The topic template '{template}' holds '{unknown}', which is not one of {string.Join(", ", placeholders)}.";
    }

    public string Format(string deviceId, Guid? commandId = null) =>
        string.Join('/', _levels.Select(l => l switch
        {
            DeviceId => deviceId,
            CommandId => commandId?.ToString() ?? l,
            _ => l,
        }));

    /// <summary>Reads the placeholders' values from <paramref name="topic"/>; false when it does not match.</summary>
    public bool TryMatch(string topic, out string deviceId, out string? commandId)
    {
        deviceId = "";
        commandId = null;
        var levels = topic.Split('/');
        if (levels.Length != _levels.Length)
        {
            return false;
        }

        for (var i = 0; i < levels.Length; i++)
        {
            switch (_levels[i])
            {
                case DeviceId:
                    deviceId = levels[i];
                    break;
                case CommandId:
                    commandId = levels[i];
                    break;
                default:
                    if (!string.Equals(_levels[i], levels[i], StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
            }
        }

        return deviceId.Length > 0;
    }
}
