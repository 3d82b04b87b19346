using System.Text.Json;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Ingestion;

/// <summary>
/// <c>POST /api/v1/ingest/alerts</c>, <c>/telemetry</c> and <c>/state</c>: one item or an array of at most 1000; one result per item,
/// in order, answered once the valid items are stored. Map on a group that requires the Ingest policy.
/// </summary>
public static class IngestionApi
{
    public static void MapIngestionApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("ingest").WithTags("ingestion");
        group.MapPost("/alerts", IngestAlertsAsync)
            .Accepts<AlertItem[]>("application/json")
            .WithSummary("Stores alerts: [{deviceId, alertType?, description, alertTime?, data?, token?, url?}], grouped and de-duplicated; answers created, duplicate or invalid per item, with the alert's id and its parent's.");
        group.MapPost("/telemetry", IngestTelemetryAsync)
            .Accepts<TelemetryItem[]>("application/json")
            .WithSummary("Stores readings: [{deviceId, timestamp?, values: {measure: number}}]. An Administrator key names the instance with ?instance=.");
        group.MapPost("/state", IngestStateAsync)
            .Accepts<DeviceStateItem[]>("application/json")
            .WithSummary("Updates devices' connection state, reported properties (merged) and last activity. An Administrator key names the instance with ?instance=.");
    }

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestAlertsAsync(
        HttpContext http, string? instance, FieldlinkDbContext db, AlertIngestion ingestion, CancellationToken ct) =>
        await IngestAsync<AlertItem, AlertReport>(http, instance, db, ToReport, ingestion.IngestAsync, ct);

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestTelemetryAsync(
        HttpContext http, string? instance, FieldlinkDbContext db, TelemetryIngestion ingestion, CancellationToken ct) =>
        await IngestAsync<TelemetryItem, TelemetryReport>(http, instance, db, ToReport, ingestion.IngestAsync, ct);

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestStateAsync(
        HttpContext http, string? instance, FieldlinkDbContext db, DeviceStateIngestion ingestion, CancellationToken ct) =>
        await IngestAsync<DeviceStateItem, DeviceStateReport>(http, instance, db, ToReport, ingestion.IngestAsync, ct);

    internal static AlertReport ToReport(AlertItem item) =>
        new(item.DeviceId ?? string.Empty, item.Description ?? string.Empty, item.AlertType, item.AlertTime, item.Data, item.Token, item.Url);

    internal static TelemetryReport ToReport(TelemetryItem item) => new(item.DeviceId!, item.Timestamp, item.Values ?? []);

    internal static DeviceStateReport ToReport(DeviceStateItem item) => new(item.DeviceId!, item.ConnectionState, item.ReportedProperties, item.LastActivityAt);

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestAsync<TItem, TReport>(
        HttpContext http,
        string? instance,
        FieldlinkDbContext db,
        Func<TItem, TReport> toReport,
        Func<Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> ingest,
        CancellationToken ct)
        where TItem : class
    {
        var (instanceId, problem) = await IngestionInstance.ResolveAsync(http.User, instance, db, ct);
        return problem ?? await IngestForAsync(http.Request, instanceId, toReport, ingest, ct);
    }

    /// <summary>
    /// The steps both endpoints share: the instance, the body, each item turned into its report (or invalid), the
    /// well-formed ones ingested in one batch, and the outcomes put back in the items' order.
    /// </summary>
    /// <summary>
    /// Ingests a batch, once more (twice at most) when the store failed in a way that passes: a deadlock or a
    /// serialization failure between concurrent batches rolls the whole batch back, so trying it again stores it once.
    /// What still fails is answered 503 (see <see cref="Problems.ApiExceptionHandler"/>), for the client to retry.
    /// </summary>
    private static async Task<IReadOnlyList<IngestionOutcome>> IngestRetryingAsync<TReport>(
        HttpRequest request, Guid instanceId, IReadOnlyList<TReport> reports, Func<Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> ingest, CancellationToken ct)
    {
        var db = request.HttpContext.RequestServices.GetRequiredService<FieldlinkDbContext>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ingest(instanceId, reports, ct);
            }
            catch (Exception ex) when (attempt < 3 && !ct.IsCancellationRequested && db.Database.CurrentTransaction is null && db.Classify(ex) == StoreError.Transient)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }

    internal static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestForAsync<TItem, TReport>(
        HttpRequest request,
        Guid instanceId,
        Func<TItem, TReport> toReport,
        Func<Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> ingest,
        CancellationToken ct)
        where TItem : class
    {
        var (document, items, bodyProblem) = await IngestionBody.ReadAsync(request, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        using (document)
        {
            var outcomes = new IngestionOutcome?[items.Count];
            var reports = new List<TReport>(items.Count);
            var positions = new List<int>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var (item, invalid) = IngestionBody.Convert<TItem>(items[i]);
                if (item is null)
                {
                    outcomes[i] = invalid;
                    continue;
                }

                reports.Add(toReport(item));
                positions.Add(i);
            }

            var ingested = reports.Count == 0 ? [] : await IngestRetryingAsync(request, instanceId, reports, ingest, ct);
            for (var j = 0; j < positions.Count; j++)
            {
                outcomes[positions[j]] = ingested[j];
            }

            return TypedResults.Ok(outcomes.Select((o, i) => new IngestionItemResult(i, StatusName(o!.Status), o.Errors, o.RecordId, o.ParentId)).ToArray());
        }
    }

    private static string StatusName(IngestionStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
