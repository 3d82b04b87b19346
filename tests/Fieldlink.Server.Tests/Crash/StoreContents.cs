using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// What the store holds after a crash, read through the API as any client would, and what in it contradicts the
/// <see cref="Ledger"/>: each problem one line, so a failing test lists them all.
/// </summary>
public sealed class StoreContents
{
    private StoreContents(IReadOnlyList<JsonObject> alerts, IReadOnlyDictionary<SentReading, (long Count, double Sum)> readings, IReadOnlyList<JsonObject> commands)
    {
        Alerts = alerts;
        Readings = readings;
        Commands = commands;
    }

    public IReadOnlyList<JsonObject> Alerts { get; }

    /// <summary>The temperature readings in the window, per device and second: how many, and their sum.</summary>
    public IReadOnlyDictionary<SentReading, (long Count, double Sum)> Readings { get; }

    public IReadOnlyList<JsonObject> Commands { get; }

    /// <summary>Reads the instance's alerts, the devices' readings of the window, and every command.</summary>
    /// <param name="devices">The devices' ids in their provider, with their record ids.</param>
    public static async Task<StoreContents> ReadAsync(HttpClient client, Guid instanceId, IReadOnlyDictionary<string, Guid> devices, DateTimeOffset windowStart, int windowSeconds)
    {
        var alerts = await AllAsync(client, $"/api/v1/alerts?$filter=providerInstanceId eq {instanceId}&$top=100000");
        var readings = new Dictionary<SentReading, (long, double)>();
        foreach (var (deviceId, recordId) in devices)
        {
            // The API answers at most 10,000 buckets a query.
            for (var offset = 0; offset < windowSeconds; offset += 10_000)
            {
                var from = windowStart.AddSeconds(offset);
                var to = windowStart.AddSeconds(Math.Min(windowSeconds, offset + 10_000));
                var answer = await (await client.GetAsync(
                    $"/api/v1/devices/{recordId}/readings?from={Time(from)}&to={Time(to)}&interval=PT1S&measures=temperature")).ReadObjectAsync(HttpStatusCode.OK);
                foreach (var bucket in answer["measures"]!["temperature"]!.AsArray())
                {
                    var at = DateTimeOffset.Parse((string)bucket!["timestamp"]!, CultureInfo.InvariantCulture);
                    var second = (int)Math.Round((at - windowStart).TotalSeconds);
                    readings[new SentReading(deviceId, second)] = ((long)bucket["count"]!, (double)bucket["sum"]!);
                }
            }
        }

        var commands = await AllAsync(client, "/api/v1/commands?$top=100000");
        return new StoreContents(alerts, readings, commands);
    }

    /// <summary>
    /// Every acknowledged alert stored, none stored more often than it was sent, no token twice, acknowledged ids
    /// kept, and one parent per device (grouping is by device, and every alert of a test is within one window), whose
    /// child count is its children.
    /// </summary>
    /// <param name="repeatsAllowed">
    /// Whether an alert without a token may be stored more often than it was sent: over MQTT, a message stored but not
    /// yet acknowledged to the broker when the process died comes again, and only a token tells the repeat.
    /// </param>
    public List<string> AlertProblems(Ledger ledger, bool repeatsAllowed)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var problems = new List<string>(ledger.Conflicts);
        var byDescription = Alerts.ToLookup(a => (string)a["description"]!, StringComparer.Ordinal);
        var sent = ledger.Alerts.ToDictionary(a => a.Alert.Description, StringComparer.Ordinal);
        foreach (var entry in sent.Values)
        {
            var stored = byDescription[entry.Alert.Description].ToList();
            if (entry.Acknowledged && stored.Count == 0)
            {
                problems.Add($"lost: acknowledged alert '{entry.Alert.Description}' (token {entry.Alert.Token ?? "none"}, id {entry.AlertId?.ToString() ?? "not answered"}) is not in the store");
            }

            var most = entry.Alert.Token is not null ? 1 : repeatsAllowed ? int.MaxValue : entry.Sends;
            if (stored.Count > most)
            {
                problems.Add($"duplicate: alert '{entry.Alert.Description}' (token {entry.Alert.Token ?? "none"}) sent {entry.Sends} time(s) is stored {stored.Count} times: {string.Join(", ", stored.Select(a => a["id"]))}");
            }

            if (entry.AlertId is { } id && stored.Count > 0 && !stored.Any(a => a.Id() == id))
            {
                problems.Add($"changed: alert '{entry.Alert.Description}' was acknowledged as {id} but is stored as {string.Join(", ", stored.Select(a => a["id"]))}");
            }
        }

        foreach (var alert in Alerts.Where(a => !sent.ContainsKey((string)a["description"]!)))
        {
            problems.Add($"invented: alert {alert["id"]} '{alert["description"]}' was never sent");
        }

        foreach (var token in Alerts.Where(a => a["token"] is not null).GroupBy(a => (string)a["token"]!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"duplicate token: '{token.Key}' is on {token.Count()} alerts: {string.Join(", ", token.Select(a => a["id"]))}");
        }

        foreach (var device in Alerts.GroupBy(a => (string)a["deviceId"]!, StringComparer.Ordinal))
        {
            var parents = device.Where(a => a["parentAlertId"] is null).ToList();
            if (parents.Count != 1)
            {
                problems.Add($"grouping: device {device.Key} has {parents.Count} parents: {string.Join(", ", parents.Select(a => a["id"]))}");
                continue;
            }

            var parent = parents[0];
            var children = device.Count(a => a["parentAlertId"] is not null);
            var strays = device.Where(a => a["parentAlertId"] is { } p && Guid.Parse((string)p!) != parent.Id()).ToList();
            if (strays.Count > 0)
            {
                problems.Add($"grouping: {strays.Count} alert(s) of device {device.Key} name a parent other than {parent["id"]}");
            }

            if ((int)parent["childCount"]! != children)
            {
                problems.Add($"grouping: parent {parent["id"]} of device {device.Key} counts {parent["childCount"]} children, but {children} alerts name it");
            }
        }

        return problems;
    }

    /// <summary>Every acknowledged reading stored once with its value, and nothing at a second that was never sent.</summary>
    public List<string> ReadingProblems(Ledger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var problems = new List<string>();
        var sent = ledger.Readings;
        foreach (var (reading, acknowledged) in sent)
        {
            if (acknowledged && !Readings.ContainsKey(reading))
            {
                problems.Add($"lost: acknowledged reading of {reading.DeviceId} at second {reading.Second} is not in the store");
            }
        }

        foreach (var (reading, (count, sum)) in Readings)
        {
            if (!sent.ContainsKey(reading))
            {
                problems.Add($"invented: a reading of {reading.DeviceId} at second {reading.Second} was never sent");
            }
            else if (count != 1 || sum != reading.Second)
            {
                problems.Add($"duplicate: {reading.DeviceId} at second {reading.Second} holds {count} reading(s) summing to {sum}, not one of {reading.Second}");
            }
        }

        return problems;
    }

    /// <summary>Reads a collection to its end, page by page.</summary>
    public static async Task<List<JsonObject>> AllAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var all = new List<JsonObject>();
        string? next = url;
        while (next is not null)
        {
            var page = await (await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute))).ReadObjectAsync(HttpStatusCode.OK);
            all.AddRange(page["value"]!.AsArray().Select(v => v!.AsObject()));
            next = (string?)page["@odata.nextLink"];
        }

        return all;
    }

    private static string Time(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
