using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// Query device readings, aggregated device readings and device events, over the Core services /api/v1's readings
/// use (<see cref="ReadingsRouting"/>, <see cref="DeviceEvents"/>): from the device's provider when its connector has
/// them, otherwise from Fieldlink's own store, as the reference falls back to the device data history.
/// </summary>
internal static class ReadingActionHandlers
{
    public static async Task<IResult> QueryAsync(HttpContext http, ReadingsRouting readings, FieldlinkDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = await ActionInput.ReadAsync(http.Request, ct);
        var id = input.RequiredGuid("IoTDeviceId");
        var interval = Interval(input);
        var (from, to) = Range(input, time, TimeSpan.FromDays(1));
        if (input.Error is null && ReadingsStore.BucketCount(from, to, interval) > ReadingsStore.MaxBuckets)
        {
            input.Fail($"Interval: From to To in steps of {XmlConvert.ToString(interval)} is more than {ReadingsStore.MaxBuckets} buckets; choose a longer Interval or a shorter range.");
        }

        if (input.Invalid is { } invalid)
        {
            return invalid;
        }

        var result = await readings.QueryAsync(id, from, to, interval, [], ct);
        if (result.Refusal is { } refusal)
        {
            return ActionAnswers.Refused(refusal);
        }

        var measures = new JsonObject();
        foreach (var (measure, buckets) in result.Value!.Measures)
        {
            var series = new JsonObject();
            foreach (var bucket in buckets)
            {
                series[ActionAnswers.Time(bucket.Timestamp)] = new JsonObject
                {
                    ["min"] = bucket.Min,
                    ["max"] = bucket.Max,
                    ["avg"] = bucket.Avg,
                    ["sum"] = bucket.Sum,
                    ["count"] = bucket.Count,
                };
            }

            measures[measure] = series;
        }

        var name = await db.Devices.Where(d => d.Id == id).Select(d => d.Name).SingleAsync(ct);
        var answer = new JsonObject { [name] = measures };
        return ActionAnswers.Ok(http, DeviceActionHandlers.ActionName(http), new JsonObject { ["AggregatedDeviceReadings"] = ActionAnswers.Serialize(answer) });
    }

    public static async Task<IResult> AggregateAsync(HttpContext http, ReadingsRouting readings, CancellationToken ct)
    {
        var input = await ActionInput.ReadAsync(http.Request, ct);
        var id = input.RequiredGuid("deviceId");
        var requests = Measures(input, out var positions);
        if (input.Invalid is { } invalid)
        {
            return invalid;
        }

        var result = await readings.AggregateAsync(id, requests, ct);
        if (result.Refusal is { } refusal)
        {
            return ActionAnswers.Refused(refusal);
        }

        var items = new JsonArray();
        for (var i = 0; i < result.Value!.Count; i++)
        {
            var value = result.Value[i];
            items.Add(new JsonObject
            {
                ["Name"] = value.Request.Measure,
                ["Aggregate"] = value.Request.Aggregate.ToString(),
                ["Unit"] = value.Unit,
                ["TimeRangeValue"] = value.Request.TimeRangeValue,
                ["TimeRangeType"] = value.Request.TimeRangeType.ToString(),
                ["Position"] = positions[i],
                // A string, as the reference's; null when the range holds no readings.
                ["Value"] = value.Value?.ToString("R", CultureInfo.InvariantCulture),
            });
        }

        return ActionAnswers.Ok(http, DeviceActionHandlers.ActionName(http), new JsonObject { ["measuresOutput"] = ActionAnswers.Serialize(items) });
    }

    public static async Task<IResult> EventsAsync(HttpContext http, DeviceEvents events, TimeProvider time, CancellationToken ct)
    {
        var input = await ActionInput.ReadAsync(http.Request, ct);
        var id = input.RequiredGuid("IoTDeviceId");
        var (from, to) = Range(input, time, TimeSpan.FromDays(30));
        if (input.Invalid is { } invalid)
        {
            return invalid;
        }

        var result = await events.GetAsync(id, from, to, ct);
        if (result.Refusal is { } refusal)
        {
            return ActionAnswers.Refused(refusal);
        }

        var answer = new JsonObject();
        foreach (var series in result.Value!)
        {
            var pins = new JsonObject();
            foreach (var pin in series.Events)
            {
                pins[UniqueTime(pins, pin.Timestamp)] = new JsonObject
                {
                    ["color"] = pin.Color,
                    ["description"] = pin.Description,
                    ["id"] = pin.Id,
                    ["entity"] = EntityName(pin.Entity),
                    ["url"] = pin.Url?.ToString() ?? string.Empty,
                    ["guid"] = pin.RecordId?.ToString() ?? string.Empty,
                };
            }

            answer[series.Name] = pins;
        }

        return ActionAnswers.Ok(http, DeviceActionHandlers.ActionName(http), new JsonObject { ["EventsData"] = ActionAnswers.Serialize(answer) });
    }

    /// <summary>The Web API's table of one of Fieldlink's event kinds; a connector's own names pass as they are.</summary>
    public static string EntityName(string entity) => entity switch
    {
        "alert" => "msdyn_iotalert",
        "registration" => "msdyn_iotdeviceregistrationhistory",
        "deviceData" => "msdyn_iotdevicedatahistory",
        "command" => "msdyn_iotdevicecommand",
        "case" => "incident",
        "workOrder" => "msdyn_workorder",
        _ => entity,
    };

    /// <summary>
    /// The events contract keys a series' pins by time, so two pins at the same instant would be one: the later is keyed
    /// 100 ns later, which no chart can tell apart, rather than lost.
    /// </summary>
    private static string UniqueTime(JsonObject pins, DateTimeOffset at)
    {
        var key = ActionAnswers.Time(at);
        while (pins.ContainsKey(key))
        {
            at = at.AddTicks(1);
            key = ActionAnswers.Time(at);
        }

        return key;
    }

    /// <summary>An ISO 8601 duration; a month counts 30 days and a year 365, as in the reference (and XML Schema).</summary>
    private static TimeSpan Interval(ActionInput input)
    {
        var text = input.Text("Interval");
        if (text is null)
        {
            return TimeSpan.FromHours(1);
        }

        try
        {
            var interval = XmlConvert.ToTimeSpan(text.Trim());
            if (interval >= ReadingsStore.MinInterval)
            {
                return interval;
            }
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            input.Fail("The parameter Interval must be an ISO 8601 duration such as PT1M, PT1H or P1D.");
            return TimeSpan.FromHours(1);
        }

        input.Fail("The parameter Interval must be at least 1 millisecond (PT0.001S).");
        return TimeSpan.FromHours(1);
    }

    /// <summary>From and To; without them the last <paramref name="span"/> up to now.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Range(ActionInput input, TimeProvider time, TimeSpan span)
    {
        var to = input.Time("To") ?? time.GetUtcNow();
        var from = input.Time("From") ?? to - span;
        if (from >= to)
        {
            input.Fail("The parameter From must be before To.");
        }

        return (from, to);
    }

    /// <summary>
    /// The <c>measures</c> parameter, a JSON list (in a string, as the reference types it) of
    /// <c>{"Measure", "Aggregate", "TimeRangeType", "TimeRangeValue"}</c>; each item's Position, when given, is answered back.
    /// </summary>
    private static List<AggregateRequest> Measures(ActionInput input, out List<int> positions)
    {
        positions = [];
        var requests = new List<AggregateRequest>();
        if (input.Json("measures") is not JsonArray items || items.Count == 0)
        {
            input.Fail("The parameter measures is required: a JSON list of {\"Measure\", \"Aggregate\", \"TimeRangeType\", \"TimeRangeValue\"}.");
            return requests;
        }

        for (var i = 0; i < items.Count && input.Error is null; i++)
        {
            if (items[i] is not JsonObject item)
            {
                input.Fail($"measures[{i}] must be an object: {{\"Measure\", \"Aggregate\", \"TimeRangeType\", \"TimeRangeValue\"}}.");
                break;
            }

            var measure = Property(item, "Measure") is { } m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>().Trim() : null;
            if (string.IsNullOrEmpty(measure) || measure.Length > 100)
            {
                input.Fail($"measures[{i}].Measure is required: the measure's name, at most 100 characters.");
                break;
            }

            var aggregate = Named<AggregateKind>(item, "Aggregate", i, input);
            var rangeType = Named<TimeRangeType>(item, "TimeRangeType", i, input);
            var rangeValue = Property(item, "TimeRangeValue") is { } v && v.GetValueKind() == JsonValueKind.Number && v.AsValue().TryGetValue<int>(out var n) ? n : (int?)null;
            if (input.Error is null && rangeType != TimeRangeType.Latest && rangeValue is not (>= 1 and <= ReadingsStore.MaxTimeRangeValue))
            {
                input.Fail($"measures[{i}].TimeRangeValue must be a whole number from 1 to {ReadingsStore.MaxTimeRangeValue}.");
            }

            var position = Property(item, "Position") is { } p && p.GetValueKind() == JsonValueKind.Number && p.AsValue().TryGetValue<int>(out var at) ? at : i + 1;
            requests.Add(new AggregateRequest(measure, aggregate, rangeType, rangeValue ?? 0));
            positions.Add(position);
        }

        return requests;
    }

    private static TEnum Named<TEnum>(JsonObject item, string name, int index, ActionInput input)
        where TEnum : struct, Enum
    {
        if (Property(item, name) is { } node && node.GetValueKind() == JsonValueKind.String
            && Enum.TryParse<TEnum>(node.GetValue<string>(), ignoreCase: true, out var value) && Enum.IsDefined(value)
            && !int.TryParse(node.GetValue<string>(), out _))
        {
            return value;
        }

        input.Fail($"measures[{index}].{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return default;
    }

    private static JsonNode? Property(JsonObject item, string name) =>
        item.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
