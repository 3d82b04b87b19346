using System.Text.Json;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Ingestion;

/// <summary>
/// The item loop every ingestion endpoint shares (<c>POST /api/v1/ingest/alerts</c>, <c>/telemetry</c>, <c>/state</c>
/// and the http connector's signed ones): one item or an array of at most 1000; one result per item, in order,
/// answered once the valid items are stored.
/// </summary>
public static class IngestionItems
{
    /// <summary>For an API-key endpoint: the instance the key speaks for (<see cref="IngestionInstance"/>), then <see cref="IngestAsync"/>.</summary>
    public static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestForKeyAsync<TItem, TReport>(
        HttpContext http,
        string? instance,
        FieldlinkDbContext db,
        Func<TItem, TReport> toReport,
        Func<Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> ingest,
        CancellationToken ct)
        where TItem : class
    {
        ArgumentNullException.ThrowIfNull(http);
        var (instanceId, problem) = await IngestionInstance.ResolveAsync(http.User, instance, db, ct);
        return problem ?? await IngestAsync(http.Request, instanceId, toReport, ingest, null, ct);
    }

    /// <summary>
    /// The body, each item turned into its report (or invalid), the well-formed ones ingested in one batch, and the
    /// outcomes put back in the items' order. <paramref name="takeOther"/>, when given, sees each item first and
    /// answers for one it takes another way (a command's outcome on the http connector's state endpoint), or null.
    /// </summary>
    public static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestAsync<TItem, TReport>(
        HttpRequest request,
        Guid instanceId,
        Func<TItem, TReport> toReport,
        Func<Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> ingest,
        Func<int, JsonElement, Task<IngestionItemResult?>>? takeOther,
        CancellationToken ct)
        where TItem : class
    {
        ArgumentNullException.ThrowIfNull(toReport);
        var (document, items, bodyProblem) = await IngestionBody.ReadAsync(request, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        using (document)
        {
            var results = new IngestionItemResult?[items.Count];
            var reports = new List<TReport>(items.Count);
            var positions = new List<int>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                if (takeOther is not null && await takeOther(i, items[i]) is { } taken)
                {
                    results[i] = taken;
                    continue;
                }

                var (item, invalid) = IngestionBody.Convert<TItem>(items[i]);
                if (item is null)
                {
                    results[i] = Result(i, invalid!);
                    continue;
                }

                reports.Add(toReport(item));
                positions.Add(i);
            }

            var ingested = reports.Count == 0 ? [] : await IngestRetryingAsync(request, instanceId, reports, ingest, ct);
            for (var j = 0; j < positions.Count; j++)
            {
                results[positions[j]] = Result(positions[j], ingested[j]);
            }

            return TypedResults.Ok(results.Select(r => r!).ToArray());
        }
    }

    /// <summary>The answer for the item at <paramref name="index"/> from what became of it.</summary>
    public static IngestionItemResult Result(int index, IngestionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new IngestionItemResult(index, StatusName(outcome.Status), outcome.Errors, outcome.RecordId, outcome.ParentId);
    }

    /// <summary>The status as the API spells it: <c>stored</c>, <c>unknownDevice</c>, <c>created</c>, ...</summary>
    public static string StatusName(IngestionStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

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
}
