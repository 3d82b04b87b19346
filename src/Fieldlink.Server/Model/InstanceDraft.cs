using Fieldlink.Core.Connectors;

namespace Fieldlink.Server.Model;

/// <summary>
/// The provider instance form: its own fields and its generated <see cref="InstanceSettingsForm"/>; a new instance
/// (no <see cref="Id"/>) or one being edited, read at <see cref="Version"/>.
/// </summary>
public sealed class InstanceDraft
{
    private InstanceDraft(InstanceSettingsForm settings) => Settings = settings;

    public Guid? Id { get; private init; }

    public Guid ProviderId { get; private init; }

    public long Version { get; private init; }

    public string? Name { get; set; }

    /// <summary>Its id in its source system, e.g. the IoT hub's name.</summary>
    public string? InstanceId { get; set; }

    public string? Url { get; set; }

    public bool Enabled { get; set; } = true;

    public InstanceSettingsForm Settings { get; }

    /// <summary>The errors of the last save on the instance's own fields (<c>name</c>, <c>instanceId</c>, <c>url</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(' ', messages) : null;

    /// <summary>Shows a save's errors: each setting's on its field, the rest on the instance's fields.</summary>
    public void ShowErrors(IReadOnlyDictionary<string, string[]>? errors) => Errors = Settings.ShowErrors(errors);

    /// <summary>A new instance of a provider whose connector is <paramref name="connector"/>: enabled, its settings at their defaults.</summary>
    public static InstanceDraft New(Guid providerId, ConnectorDescriptor? connector) =>
        new(InstanceSettingsForm.For(connector, null, new HashSet<string>())) { ProviderId = providerId };

    /// <summary>The form of an instance as read, its secrets shown as set or not set only.</summary>
    public static InstanceDraft Of(ProviderInstanceView view, ConnectorDescriptor? connector)
    {
        ArgumentNullException.ThrowIfNull(view);
        var instance = view.Instance;
        return new(InstanceSettingsForm.For(connector, instance.Settings, view.SecretsSet))
        {
            Id = instance.Id,
            ProviderId = instance.ProviderId,
            Version = view.Version,
            Name = instance.Name,
            InstanceId = instance.InstanceId,
            Url = instance.Url,
            Enabled = instance.Enabled,
        };
    }
}
