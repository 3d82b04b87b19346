using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Http;

/// <summary>
/// For vendor clouds that speak webhooks: they POST alerts, telemetry and state to
/// <c>/api/v1/ingest/{providerInstanceId}/...</c>, signed instead of carrying an API key, and Fieldlink POSTs
/// commands, signed, to their command URL. docs/connectors/http.md is the contract a vendor implements.
/// </summary>
public sealed class HttpConnector : Connector<HttpSettings, HttpInstance>
{
    public const string ConnectorKey = "http";

    public override string Key => ConnectorKey;

    public override string DisplayName => "HTTP (vendor webhooks)";

    public override string? Description =>
        "A vendor cloud that pushes alerts, telemetry and state by signed webhook, and takes commands as signed HTTP POSTs.";

    protected override HttpInstance Open(HttpSettings settings, ConnectorContext context) => new(settings, context);
}
