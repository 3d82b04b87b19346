using Fieldlink.Sdk;

namespace Contoso.Fieldlink.Connector;

/// <summary>
/// A connector for the Contoso cloud, a fictional vendor's device service: it registers devices, answers pulls and
/// makes a device's LED blink (the custom action <c>Blink</c>). Dropped into Fieldlink's plugins directory, it is
/// loaded at start-up and offered under the key <c>contoso</c>.
/// </summary>
public sealed class ContosoConnector : Connector<ContosoSettings, ContosoInstance>
{
    /// <summary>The name of the custom action that makes a device's LED blink.</summary>
    public const string BlinkAction = "Blink";

    /// <inheritdoc />
    public override string Key => "contoso";

    /// <inheritdoc />
    public override string DisplayName => "Contoso Cloud";

    /// <inheritdoc />
    public override string? Description => "Devices of a Contoso cloud tenant (a sample plugin).";

    /// <inheritdoc />
    public override IReadOnlyList<string> CustomActions => [BlinkAction];

    /// <inheritdoc />
    protected override ContosoInstance Open(ContosoSettings settings, ConnectorContext context) => new(settings, context.Time);
}
