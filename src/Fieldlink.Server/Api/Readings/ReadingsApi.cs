using System.Globalization;
using System.Xml;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Fieldlink.Core.Validation;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Ingestion;
using Fieldlink.Server.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Readings;

/// <summary>
/// A device's readings, aggregates and events: from its provider when the connector has them, otherwise from
/// Fieldlink's own store.
/// </summary>
public static class ReadingsApi
{
    public static void MapReadingsApi(this IEndpointRouteBuilder api)
    {
        var devices = api.MapGroup("devices").WithTags("readings");
        devices.MapGet("/{id:guid}/readings", QueryAsync)
            .WithSummary("Reads the device's readings in buckets of `interval` (ISO 8601; a month is 30 days, a year 365) between `from` and `to`.");
        devices.MapPost("/{id:guid}/readings/aggregate", AggregateAsync)
            .WithSummary("Computes aggregates of the device's readings, e.g. the 7-day average humidity.");
        devices.MapGet("/{id:guid}/events", EventsAsync)
            .WithSummary("Reads the device's events between `from` and `to`, for pins on its readings chart.");
    }

    /// <summary>Maps <c>POST /telemetry</c> on the ingestion group (<c>/api/v1/ingest</c>, the Ingest policy: Endpoint keys too).</summary>
    public static void MapTelemetryIngestionApi(this IEndpointRouteBuilder ingest)
    {
        ingest.MapPost("/telemetry", IngestAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Accepts<TelemetryItem[]>("application/json")
            .WithSummary("Stores readings: [{deviceId, timestamp?, values: {measure: number}}]. An Administrator key names the instance with ?instance=.");
    }

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestAsync(
        HttpContext http, string? instance, FieldlinkDbContext db, IngestionGroupCommit<TelemetryReport> ingestion, CancellationToken ct) =>
        await IngestionItems.IngestForKeyAsync<TelemetryItem, TelemetryReport>(http, instance, db, item => item.ToReport(), ingestion.IngestAsync, ct);

    private static async Task<Results<Ok<ReadingsAnswer>, ValidationProblem, ProblemHttpResult>> QueryAsync(
        Guid id, string? from, string? to, string? interval, string? measures, ReadingsRouting readings, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var size = TimeSpan.FromHours(1);
        if (!string.IsNullOrWhiteSpace(interval))
        {
            try
            {
                size = XmlConvert.ToTimeSpan(interval.Trim());
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                errors.Add("interval", "The interval must be an ISO 8601 duration such as PT1H or P1D.");
            }
        }

        // Without a from, the last day, starting on a whole interval (08:00, not 08:13:27), so buckets read well.
        var (start, end) = Range(from, to, TimeSpan.FromDays(1), time, errors, size > TimeSpan.Zero ? size : null);
        if (size < ReadingsStore.MinInterval)
        {
            errors.Add("interval", "The interval must be at least 1 millisecond (PT0.001S).");
        }
        else if (errors.IsEmpty && ReadingsStore.BucketCount(start, end, size) > ReadingsStore.MaxBuckets)
        {
            errors.Add("interval", $"That range holds more than {ReadingsStore.MaxBuckets} buckets of {interval}; choose a longer interval or a shorter range.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var names = (measures ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await readings.QueryAsync(id, start, end, size, names, ct);
        return result.Refusal is { } refusal
            ? RefusalProblems.From(refusal)
            : TypedResults.Ok(new ReadingsAnswer(id, start, end, size, result.Value!.Measures));
    }

    private static async Task<Results<Ok<IReadOnlyList<AggregateAnswer>>, ValidationProblem, ProblemHttpResult>> AggregateAsync(
        Guid id, IReadOnlyList<AggregateItem> body, ReadingsRouting readings, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (body.Count == 0)
        {
            errors.Add("body", "Give one or more aggregates to compute.");
        }

        for (var i = 0; i < body.Count; i++)
        {
            if (body[i] is null)
            {
                errors.Add($"[{i}]", "Each aggregate must be an object with a measure, an aggregate and a time range.");
                continue;
            }

            errors.Required($"[{i}].measure", body[i].Measure, 100);
            if (body[i].Aggregate is null)
            {
                errors.Add($"[{i}].aggregate", $"The aggregate is required: one of {string.Join(", ", Enum.GetNames<AggregateKind>())}.");
            }

            if (body[i].TimeRangeType is null)
            {
                errors.Add($"[{i}].timeRangeType", $"The time range type is required: one of {string.Join(", ", Enum.GetNames<TimeRangeType>())}.");
            }
            else if (body[i].TimeRangeType != TimeRangeType.Latest && body[i].TimeRangeValue is not (>= 1 and <= ReadingsStore.MaxTimeRangeValue))
            {
                errors.Add($"[{i}].timeRangeValue", $"The time range value must be 1 to {ReadingsStore.MaxTimeRangeValue}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var requests = body.Select(b => new AggregateRequest(b.Measure!.Trim(), b.Aggregate!.Value, b.TimeRangeType!.Value, b.TimeRangeValue ?? 0)).ToList();
        var result = await readings.AggregateAsync(id, requests, ct);
        if (result.Refusal is { } refusal)
        {
            return RefusalProblems.From(refusal);
        }

        return TypedResults.Ok<IReadOnlyList<AggregateAnswer>>([.. result.Value!.Select(v =>
            new AggregateAnswer(v.Request.Measure, v.Request.Aggregate, v.Request.TimeRangeType, v.Request.TimeRangeValue, v.Value, v.Unit))]);
    }

    private static async Task<Results<Ok<EventsAnswer>, ValidationProblem, ProblemHttpResult>> EventsAsync(
        Guid id, string? from, string? to, DeviceEvents events, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (start, end) = Range(from, to, TimeSpan.FromDays(30), time, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await events.GetAsync(id, start, end, ct);
        return result.Refusal is { } refusal
            ? RefusalProblems.From(refusal)
            : TypedResults.Ok(new EventsAnswer(id, start, end, result.Value!.ToDictionary(s => s.Name, s => s.Events)));
    }

    /// <summary>
    /// Reads <c>from</c> and <c>to</c>; by default the last <paramref name="span"/> up to now, its start rounded down to
    /// a whole <paramref name="alignTo"/> since the Unix epoch.
    /// </summary>
    private static (DateTimeOffset From, DateTimeOffset To) Range(string? from, string? to, TimeSpan span, TimeProvider time, FieldErrors errors, TimeSpan? alignTo = null)
    {
        var end = Time(to, "to", errors) ?? time.GetUtcNow();
        var start = Time(from, "from", errors) ?? Align(end - span, alignTo);
        if (start >= end)
        {
            errors.Add("from", "from must be before to.");
        }

        return (start, end);
    }

    private static DateTimeOffset Align(DateTimeOffset time, TimeSpan? interval)
    {
        if (interval is not { Ticks: > 0 } step)
        {
            return time;
        }

        var sinceEpoch = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new DateTimeOffset(time.UtcTicks - (sinceEpoch % step.Ticks), TimeSpan.Zero);
    }

    private static DateTimeOffset? Time(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            // The range every stored time lies in; beyond it a bucket or a default start would overflow.
            if (StorableValues.TimeProblem(parsed) is { } problem)
            {
                errors.Add(field, $"{field} {problem}");
                return null;
            }

            return parsed.ToUniversalTime();
        }

        errors.Add(field, $"{field} must be an ISO 8601 time such as 2026-11-26T08:00:00Z.");
        return null;
    }
}
