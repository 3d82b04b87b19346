using Fieldlink.Core.Connectors.Plugins;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// The connectors this process has: the built-in ones registered as <see cref="Connector"/> services, and those
/// loaded from plugins (<see cref="PluginLoadResult"/>). Keys are case-insensitive; the first connector with a key wins, and a later one with the
/// same key is reported as a failure.
/// </summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, (Connector Connector, ConnectorDescriptor Descriptor)> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PluginFailure> _failures = [];

    public ConnectorRegistry(IEnumerable<Connector> builtIn, PluginLoadResult plugins)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(plugins);
        foreach (var connector in builtIn)
        {
            Add(connector, "built-in");
        }

        foreach (var connector in plugins.Connectors)
        {
            Add(connector, Path.GetFileName(connector.GetType().Assembly.Location));
        }

        _failures.AddRange(plugins.Failures);

        SecretSettingNames = _byKey.Values.SelectMany(c => c.Descriptor.Settings).Where(s => s.Secret).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    public IEnumerable<ConnectorDescriptor> All => _byKey.Values.Select(c => c.Descriptor).OrderBy(d => d.Key, StringComparer.Ordinal);

    /// <summary>Plugins and connectors that could not be loaded, and why.</summary>
    public IReadOnlyList<PluginFailure> Failures => _failures;

    /// <summary>Every setting name that some connector marks secret.</summary>
    public IReadOnlySet<string> SecretSettingNames { get; }

    public Connector? Find(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Connector : null;

    public ConnectorDescriptor? Describe(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Descriptor : null;

    private void Add(Connector connector, string origin)
    {
        try
        {
            var descriptor = new ConnectorDescriptor(
                connector.Key,
                connector.DisplayName,
                connector.Description,
                ConnectorAction.Of(connector.InstanceType),
                connector.CustomActions,
                ConnectorSettingsSchema.Describe(connector.SettingsType),
                origin);
            if (!_byKey.TryAdd(connector.Key, (connector, descriptor)))
            {
                _failures.Add(new PluginFailure(origin, $"A connector with the key '{connector.Key}' is already loaded."));
            }
        }
        catch (Exception ex) when (ex is MissingMethodException or MemberAccessException or InvalidOperationException or ArgumentException)
        {
            _failures.Add(new PluginFailure(origin, $"The connector '{connector.GetType().FullName}' cannot be described: {ex.Message}"));
        }
    }
}
