namespace Fieldlink.Core.Providers;

/// <summary>The connectors this process knows, by key (case-insensitive). Registered as <see cref="ConnectorDescriptor"/> services.</summary>
public sealed class ConnectorCatalog(IEnumerable<ConnectorDescriptor> descriptors)
{
    private readonly Dictionary<string, ConnectorDescriptor> _byKey =
        descriptors.ToDictionary(d => d.Key, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ConnectorDescriptor> All => _byKey.Values;

    /// <summary>Every setting name that some connector marks secret.</summary>
    public IReadOnlySet<string> SecretSettingNames { get; } = descriptors
        .SelectMany(d => d.Settings).Where(s => s.Secret).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public ConnectorDescriptor? Find(string key) => _byKey.GetValueOrDefault(key);
}
