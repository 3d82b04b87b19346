namespace Fieldlink.Sdk;

/// <summary>
/// The entry point of a connector: it names the connector, describes its settings and actions, and opens one
/// <see cref="IConnectorInstance"/> per provider instance that uses it. Derive from
/// <see cref="Connector{TSettings, TInstance}"/> rather than from this class.
/// </summary>
/// <remarks>One object serves every provider instance, from many threads: keep no per-instance state here.</remarks>
public abstract class Connector
{
    /// <summary>The key providers name the connector by: lower-case letters, digits, '.', '_' and '-' (e.g. <c>mqtt</c>).</summary>
    public abstract string Key { get; }

    /// <summary>The name people see, e.g. "MQTT broker".</summary>
    public abstract string DisplayName { get; }

    /// <summary>A sentence on what the connector connects to. Default: none.</summary>
    public virtual string? Description => null;

    /// <summary>The names of the custom actions the connector's instances answer through <see cref="ICustomActions"/>. Default: none.</summary>
    public virtual IReadOnlyList<string> CustomActions => [];

    /// <summary>The class an instance's settings are read into; see <see cref="Connector{TSettings, TInstance}"/>.</summary>
    public abstract Type SettingsType { get; }

    /// <summary>The class of the instances this connector opens; the actions they support are the action interfaces it implements.</summary>
    public abstract Type InstanceType { get; }

    /// <summary>Opens an instance for one provider instance. Called once per provider instance, and again after its settings change.</summary>
    /// <param name="context">The provider instance, its validated settings, and the sink to report through.</param>
    /// <returns>The instance; Fieldlink starts it, routes actions to it, and disposes it.</returns>
    public abstract IConnectorInstance Open(ConnectorContext context);
}
