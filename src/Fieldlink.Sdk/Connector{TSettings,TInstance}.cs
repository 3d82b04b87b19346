namespace Fieldlink.Sdk;

/// <summary>
/// A connector with typed settings: <typeparamref name="TSettings"/>'s public properties are its settings (JSON
/// names in camelCase), checked with their data annotations (<c>[Required]</c>, <c>[Range]</c>, ...) when a provider
/// instance is saved; a property marked <see cref="SecretAttribute"/> is write-only.
/// </summary>
/// <typeparam name="TSettings">The settings class; it needs a public parameterless constructor, whose values are the defaults.</typeparam>
/// <typeparam name="TInstance">The instance class; it implements the action interfaces (<see cref="IRegisterDevices"/>, ...) of the actions it supports.</typeparam>
public abstract class Connector<TSettings, TInstance> : Connector
    where TSettings : class, new()
    where TInstance : IConnectorInstance
{
    /// <inheritdoc />
    public sealed override Type SettingsType => typeof(TSettings);

    /// <inheritdoc />
    public sealed override Type InstanceType => typeof(TInstance);

    /// <inheritdoc />
    public sealed override IConnectorInstance Open(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Open((TSettings)context.Settings, context);
    }

    /// <summary>Opens an instance with its typed settings.</summary>
    /// <param name="settings">The validated settings of the provider instance.</param>
    /// <param name="context">The provider instance and the sink to report through.</param>
    /// <returns>The instance.</returns>
    protected abstract TInstance Open(TSettings settings, ConnectorContext context);
}
