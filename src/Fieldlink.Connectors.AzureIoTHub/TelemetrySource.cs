namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>How telemetry, alerts and device events come from the hub into Fieldlink.</summary>
public enum TelemetrySource
{
    /// <summary>
    /// An Event Grid subscription on the hub posts them to Fieldlink's ingest endpoint for the instance
    /// (<c>/api/v1/ingest/{id}/eventgrid?code=…</c>): Fieldlink must be reachable from Azure.
    /// </summary>
    EventGrid,

    /// <summary>
    /// Fieldlink reads the hub's built-in Event Hubs-compatible endpoint through a consumer group, every partition,
    /// with checkpoints in its own database: nothing in Azure has to reach Fieldlink.
    /// </summary>
    EventHubs,
}
