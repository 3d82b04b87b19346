using System.Text.Json;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.Ingestion;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Api.Readings;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Connectors;

/// <summary>
/// The http connector's inbound side: <c>POST /api/v1/ingest/{providerInstanceId}/alerts</c>, <c>/telemetry</c> and
/// <c>/state</c>, authenticated by the vendor's signature (<see cref="VendorSignature"/>) instead of an API key, and
/// answered as the API-key ingestion endpoints answer. The state endpoint also takes commands' outcomes. Map on the
/// application, outside the authenticated groups.
/// </summary>
public static class HttpConnectorEndpoints
{
    public static void MapHttpConnectorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ingest/{providerInstanceId:guid}").WithTags("ingestion").AllowAnonymous();
        group.MapPost("/alerts", AlertsAsync).Accepts<AlertItem[]>("application/json")
            .Produces<IngestionItemResult[]>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Alerts from an http connector vendor, signed with the instance's secret (no API key); as POST /ingest/alerts.");
        group.MapPost("/telemetry", TelemetryAsync).Accepts<TelemetryItem[]>("application/json")
            .Produces<IngestionItemResult[]>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Telemetry from an http connector vendor, signed; as POST /ingest/telemetry.");
        group.MapPost("/state", StateAsync).Accepts<DeviceStateItem[]>("application/json")
            .Produces<IngestionItemResult[]>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Device state, and commands' outcomes ({commandId, status, response?, error?, at?}), from an http connector vendor, signed.");
    }

    private static Task<IResult> AlertsAsync(
        Guid providerInstanceId, HttpContext http, FieldlinkDbContext db, ReceivedMessages received, IngestionGroupCommit<AlertReport> ingestion, TimeProvider time, CancellationToken ct) =>
        TakeOnceAsync(providerInstanceId, http.Request, db, received, time, async () =>
            await IngestionItems.IngestAsync<AlertItem, AlertReport>(http.Request, providerInstanceId, item => item.ToReport(), ingestion.IngestAsync, null, ct), ct);

    private static Task<IResult> TelemetryAsync(
        Guid providerInstanceId, HttpContext http, FieldlinkDbContext db, ReceivedMessages received, IngestionGroupCommit<TelemetryReport> ingestion, TimeProvider time, CancellationToken ct) =>
        TakeOnceAsync(providerInstanceId, http.Request, db, received, time, async () =>
            await IngestionItems.IngestAsync<TelemetryItem, TelemetryReport>(http.Request, providerInstanceId, item => item.ToReport(), ingestion.IngestAsync, null, ct), ct);

    private static Task<IResult> StateAsync(
        Guid providerInstanceId, HttpContext http, FieldlinkDbContext db, ReceivedMessages received, DeviceStateIngestion ingestion, CommandStatusRecorder recorder, TimeProvider time, CancellationToken ct) =>
        TakeOnceAsync(providerInstanceId, http.Request, db, received, time, async () =>
            await IngestionItems.IngestAsync<DeviceStateItem, DeviceStateReport>(
                http.Request, providerInstanceId, item => item.ToReport(), ingestion.IngestAsync, (index, element) => CommandOutcomeAsync(providerInstanceId, index, element, db, recorder, ct), ct), ct);

    /// <summary>
    /// Verifies the vendor's signature, then takes a Standard Webhooks message once: a <c>webhook-id</c> already stored
    /// while its signature verifies is answered <c>200 {"status": "duplicate"}</c> and not ingested again; one another
    /// request is ingesting right now is answered 409 with <c>Retry-After</c>. A message whose ingestion fails (an
    /// exception, or any answer but 200) is forgotten, so the vendor's retry is taken; one whose process dies meanwhile
    /// is taken by the retry once its claim runs out (<see cref="ReceivedMessages.ClaimDuration"/>).
    /// </summary>
    private static async Task<IResult> TakeOnceAsync(
        Guid providerInstanceId, HttpRequest request, FieldlinkDbContext db, ReceivedMessages received, TimeProvider time, Func<Task<IResult>> ingest, CancellationToken ct)
    {
        var (refused, message) = await VendorSignature.VerifyAsync(providerInstanceId, request, db, time, ct);
        if (refused is not null)
        {
            return refused;
        }

        if (message is null)
        {
            return await ingest();
        }

        switch (await received.TakeAsync(providerInstanceId, message.Id, message.ExpiresAt, ct))
        {
            case ReceivedMessageClaim.Duplicate:
                return TypedResults.Ok(new DuplicateMessage(
                    "duplicate", message.Id, $"A message with this webhook-id was already taken within the last {VendorSignature.Tolerance.TotalMinutes} minutes; it was not processed again."));
            case ReceivedMessageClaim.InProgress:
                request.HttpContext.Response.Headers.RetryAfter = "5";
                return ApiProblems.Conflict("A message with this webhook-id is being processed by another request; send it again in a few seconds to learn how it ended.");
            default:
                break;
        }

        IResult result;
        try
        {
            result = await ingest();
        }
        catch
        {
            await received.ForgetAsync(providerInstanceId, message.Id, CancellationToken.None);
            throw;
        }

        if (StatusOf(result) == StatusCodes.Status200OK)
        {
            await received.StoredAsync(providerInstanceId, message.Id, CancellationToken.None);
        }
        else
        {
            await received.ForgetAsync(providerInstanceId, message.Id, CancellationToken.None);
        }

        return result;
    }

    private static int? StatusOf(IResult result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult coded => coded.StatusCode,
        _ => null,
    };

    /// <summary>
    /// An item of the state endpoint that names a <c>commandId</c> is a command's outcome, not a device's state: its
    /// result answers with the command's id, under its own name. Any other item is left to the state ingestion (null).
    /// </summary>
    private static async Task<IngestionItemResult?> CommandOutcomeAsync(
        Guid providerInstanceId, int index, JsonElement element, FieldlinkDbContext db, CommandStatusRecorder recorder, CancellationToken ct)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("commandId", out _))
        {
            return null;
        }

        var outcome = await RecordCommandOutcomeAsync(providerInstanceId, element, db, recorder, ct);
        return new IngestionItemResult(index, IngestionItems.StatusName(outcome.Status), outcome.Errors, CommandId: outcome.RecordId);
    }

    /// <summary>Records a command's outcome: stored, duplicate (already at or past it), or invalid (unknown to this instance).</summary>
    private static async Task<IngestionOutcome> RecordCommandOutcomeAsync(Guid providerInstanceId, JsonElement element, FieldlinkDbContext db, CommandStatusRecorder recorder, CancellationToken ct)
    {
        var (item, invalid) = IngestionBody.Convert<CommandStatusItem>(element);
        if (item is null)
        {
            return invalid!;
        }

        if (item.CommandId is not { } commandId)
        {
            return IngestionOutcome.Invalid("commandId", "The commandId field is required: the id Fieldlink sent the command with.");
        }

        if (item.Status is not ({ } status and (CommandStatus.Delivered or CommandStatus.Succeeded or CommandStatus.Failed)))
        {
            return IngestionOutcome.Invalid("status", "The status field is required: Delivered, Succeeded or Failed.");
        }

        var report = new CommandStatusReport(commandId, status, item.Response, item.Error, item.At);
        if (CommandStatusChecks.Check(report) is { } unstorable)
        {
            return unstorable;
        }

        if (await recorder.RecordAsync(providerInstanceId, report, ct))
        {
            return new IngestionOutcome(IngestionStatus.Stored, RecordId: commandId);
        }

        var known = await db.Commands.AnyAsync(c => c.Id == commandId && db.Devices.Any(d => d.Id == c.DeviceRecordId && d.ProviderInstanceId == providerInstanceId), ct);
        return known
            ? new IngestionOutcome(IngestionStatus.Duplicate, RecordId: commandId)
            : IngestionOutcome.Invalid("commandId", $"Command {commandId} is not a command of this provider instance.");
    }
}
