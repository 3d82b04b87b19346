using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.AzureIoTHub;
using Fieldlink.Connectors.AzureIoTHub.EventGrid;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Connectors;

/// <summary>
/// The Azure IoT Hub connector's Event Grid endpoint, <c>/api/v1/ingest/{providerInstanceId}/eventgrid?code={eventGridSecret}</c>:
/// an Event Grid subscription on the hub delivers to it, in the Event Grid schema (its validation event is answered with
/// <c>{"validationResponse"}</c>) or as CloudEvents (its <c>OPTIONS</c> handshake is answered with
/// <c>WebHook-Allowed-Origin</c>). Telemetry, alerts and connection changes go through the instance's sink, as any
/// connector's; created and deleted identities set the device's registration status. A store that is down answers 503,
/// so Event Grid delivers again. Map on the application, outside the authenticated groups: the code is the credential.
/// </summary>
public static class EventGridEndpoints
{
    /// <summary>Event Grid's largest delivery: one batch is at most 1 MB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapEventGridEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ingest/{providerInstanceId:guid}/eventgrid").WithTags("ingestion").AllowAnonymous();
        group.MapPost(string.Empty, DeliverAsync).Accepts<JsonArray>("application/json", "application/cloudevents-batch+json", "application/cloudevents+json")
            .Produces<EventGridDeliveryResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Event Grid deliveries from an Azure IoT hub (Event Grid schema or CloudEvents), with the instance's eventGridSecret as ?code=.");
        group.MapMethods(string.Empty, [HttpMethods.Options], HandshakeAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The CloudEvents webhook validation handshake: answers WebHook-Allowed-Origin for the WebHook-Request-Origin asked.");
    }

    private static async Task<IResult> HandshakeAsync(Guid providerInstanceId, HttpContext http, FieldlinkDbContext db, CancellationToken ct)
    {
        var (refused, _) = await AuthorizeAsync(providerInstanceId, http.Request, db, ct);
        if (refused is not null)
        {
            return refused;
        }

        var origin = http.Request.Headers["WebHook-Request-Origin"].ToString();
        if (origin.Length == 0)
        {
            return ApiProblems.Invalid("WebHook-Request-Origin", "The CloudEvents validation handshake names its origin in WebHook-Request-Origin.");
        }

        http.Response.Headers["WebHook-Allowed-Origin"] = origin;
        http.Response.Headers["WebHook-Allowed-Rate"] = "*";
        return TypedResults.Ok();
    }

    private static async Task<IResult> DeliverAsync(
        Guid providerInstanceId, HttpContext http, FieldlinkDbContext db, ConnectorSinkFactory sinks, TimeProvider time, CancellationToken ct)
    {
        var (refused, settings) = await AuthorizeAsync(providerInstanceId, http.Request, db, ct);
        if (refused is not null)
        {
            return refused;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return ApiProblems.TooLarge("Delivery too large", $"An Event Grid delivery is at most {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return ApiProblems.TooLarge("Delivery too large", $"An Event Grid delivery is at most {MaxBodyBytes} bytes.");
        }

        IoTHubEventBatch batch;
        try
        {
            batch = IoTHubEventGridParser.Parse(new BinaryData(buffer.ToArray()), settings!.AlertProperty, time.GetUtcNow());
        }
        catch (FormatException ex)
        {
            return ApiProblems.Invalid("body", ex.Message);
        }

        if (batch.ValidationCode is { } code)
        {
            return TypedResults.Ok(new EventGridValidationResponse(code));
        }

        var sink = sinks.Create(providerInstanceId);
        try
        {
            // Alerts first: an alert's readings are worth less than the alert if the store fails between them.
            if (batch.Alerts.Count > 0)
            {
                await sink.PublishAlertsAsync(batch.Alerts, ct);
            }

            if (batch.Telemetry.Count > 0)
            {
                await sink.PublishTelemetryAsync(batch.Telemetry, ct);
            }

            if (batch.States.Count > 0)
            {
                await sink.PublishDeviceStateAsync(batch.States, ct);
            }

            if (batch.Unusable.Count > 0)
            {
                await sink.PublishDeadLettersAsync(batch.Unusable, ct);
            }
        }
        catch (ConnectorException ex) when (ex.IsTransient)
        {
            http.Response.Headers.RetryAfter = "10";
            return TypedResults.Problem(title: "Store unavailable", detail: "Fieldlink's store did not take the delivery; Event Grid delivers it again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var registrations = await DeviceLifecycleRecorder.RecordAsync(providerInstanceId, batch.Lifecycle, db, ct);
        return TypedResults.Ok(new EventGridDeliveryResult(
            batch.Telemetry.Count, batch.Alerts.Count, batch.States.Count, registrations, batch.Unusable.Count, batch.Ignored + batch.Lifecycle.Count - registrations));
    }

    /// <summary>
    /// Whether the request is for an enabled Azure IoT Hub instance and carries its Event Grid secret as <c>code</c>:
    /// the problem to answer when not, else the instance's settings.
    /// </summary>
    private static async Task<(ProblemHttpResult? Problem, AzureIoTHubSettings? Settings)> AuthorizeAsync(Guid providerInstanceId, HttpRequest request, FieldlinkDbContext db, CancellationToken ct)
    {
        var instance = await db.ProviderInstances.AsNoTracking().Where(p => p.Id == providerInstanceId)
            .Join(db.Providers, p => p.ProviderId, p => p.Id, (i, p) => new { i.Enabled, i.Settings, p.Connector })
            .FirstOrDefaultAsync(ct);
        if (instance is null || instance.Connector != AzureIoTHubConnector.ConnectorKey)
        {
            return (ApiProblems.NotFound("Not found", $"There is no provider instance with id {providerInstanceId} whose provider uses the azure-iot-hub connector."), null);
        }

        var errors = new Dictionary<string, string[]>();
        if (ConnectorSettingsSchema.Bind(typeof(AzureIoTHubSettings), JsonNode.Parse(instance.Settings) as JsonObject ?? [], errors) is not AzureIoTHubSettings settings)
        {
            return (ApiProblems.Conflict($"Provider instance {providerInstanceId} has settings the azure-iot-hub connector cannot use ({string.Join("; ", errors.Keys)}); fix them first."), null);
        }

        if (settings.TelemetrySource != TelemetrySource.EventGrid || settings.EventGridSecret is null)
        {
            return (ApiProblems.Conflict($"Provider instance {providerInstanceId} reads its telemetry from the hub's Event Hubs-compatible endpoint, not from Event Grid (telemetrySource)."), null);
        }

        var code = request.Query["code"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(code), Encoding.UTF8.GetBytes(settings.EventGridSecret!)))
        {
            return (ApiProblems.Unauthorized("code", "The endpoint URL must carry the instance's eventGridSecret as ?code=."), null);
        }

        if (!instance.Enabled)
        {
            return (ApiProblems.Conflict($"Provider instance {providerInstanceId} is disabled; it takes nothing in."), null);
        }

        return (null, settings);
    }
}
