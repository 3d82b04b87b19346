using Fieldlink.Sdk;

namespace Fieldlink.Server.Tests.Infrastructure.TestVendor;

/// <summary>A connector whose instances support no action at all: every action on its devices is 501, but readings fall back.</summary>
public sealed class ListeningOnlyConnector : Connector<ListeningOnlySettings, ListeningOnlyInstance>
{
    public override string Key => "listening-only";

    public override string DisplayName => "Listening only";

    protected override ListeningOnlyInstance Open(ListeningOnlySettings settings, ConnectorContext context) => new();
}

public sealed class ListeningOnlySettings;

public sealed class ListeningOnlyInstance : IConnectorInstance
{
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
