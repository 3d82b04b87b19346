using Fieldlink.Sdk;

namespace Fieldlink.Core.Tests.Connectors.Plugins;

/// <summary>
/// Connectors the plugin tests load from a copy of this very test assembly, dropped into a plugins directory as a bare
/// dll: one that works, one whose constructor throws, one that cannot be made without arguments.
/// </summary>
public sealed class WellBehavedConnector : Connector<WellBehavedConnector.Settings, WellBehavedConnector.Instance>
{
    public override string Key => "well-behaved";

    public override string DisplayName => "Well behaved";

    protected override Instance Open(Settings settings, ConnectorContext context) => new();

    public sealed class Settings;

    public sealed class Instance : IConnectorInstance
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public sealed class ThrowingConnector : Connector<WellBehavedConnector.Settings, WellBehavedConnector.Instance>
{
    public ThrowingConnector() => throw new InvalidOperationException("The licence file is missing.");

    public override string Key => "throwing";

    public override string DisplayName => "Throwing";

    protected override WellBehavedConnector.Instance Open(WellBehavedConnector.Settings settings, ConnectorContext context) => new();
}

public sealed class ArgumentConnector(string region) : Connector<WellBehavedConnector.Settings, WellBehavedConnector.Instance>
{
    public override string Key => "argument-" + region;

    public override string DisplayName => "Needs an argument";

    protected override WellBehavedConnector.Instance Open(WellBehavedConnector.Settings settings, ConnectorContext context) => new();
}
