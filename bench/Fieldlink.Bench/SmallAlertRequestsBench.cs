using System.Globalization;
using System.Text.Json;
using Fieldlink.Bench.Suite;

namespace Fieldlink.Bench;

/// <summary>
/// The suite's <c>small-alert-requests</c> figure: 8 HTTP clients, each posting its next request of 10 alerts to
/// <c>POST /api/v1/ingest/alerts</c> (an Endpoint key, grouping on) as soon as its last is answered, as vendors' back
/// ends forward alerts a few at a time; against the same clients posting the same bodies to <see cref="NullEndpoint"/>.
/// The figure is requests/s on PostgreSQL; the detail lines also give 1 alert per request and SQLite, each beside its
/// own interleaved baseline, and on PostgreSQL what the store alone gives for the same statements
/// (<see cref="SmallAlertsStoreBaseline"/>).
/// </summary>
public static class SmallAlertRequestsBench
{
    private const int Clients = 8;
    private const int Devices = 1000;
    private const string Path = "api/v1/ingest/alerts";

    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var duration = TimeSpan.FromSeconds(context.Quick ? 4 : 15);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Clients} clients, closed loop for {duration.TotalSeconds:F0} s a run; {Devices} devices, each alert a new token, repeats group"));
        await using var nothing = await NullEndpoint.StartAsync(cancellationToken);
        var figures = new List<SuiteFigure>();
        await using (var scratch = await ScratchDatabase.CreateAsync(context.Database, "small-alerts", cancellationToken))
        {
            figures.AddRange(await StoreAsync(context, "PostgreSQL", scratch.ConnectionString, nothing, duration, cancellationToken));
        }

        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"suite-small-alerts-{Environment.ProcessId}.db");
        try
        {
            await StoreAsync(context, "SQLite", file, nothing, duration, cancellationToken);
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }

        return [figures.Single(f => f.Name == "small-alert-requests")];
    }

    /// <summary>10 and then 1 alert per request on one store, each interleaved with its baseline; the PostgreSQL 10 is the figure.</summary>
    private static async Task<List<SuiteFigure>> StoreAsync(SuiteContext context, string storeName, string database, NullEndpoint nothing, TimeSpan duration, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var figures = new List<SuiteFigure>();
        await using var server = await FieldlinkUnderTest.StartAsync(database, cancellationToken);
        var (instanceId, devices) = await server.SeedAsync("suite-small-alerts", "bench", "{}", Devices, 0, cancellationToken);
        var key = await server.EndpointKeyAsync(instanceId, cancellationToken);
        var ours = BenchClients.Create(Clients, server.Address, key);
        var raw = BenchClients.Create(Clients, nothing.Address, null);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var sequence = 0L;

        // Made on the client's thread, as a client would; both sides pay the same for it.
        byte[] Body(int perRequest)
        {
            var first = Interlocked.Add(ref sequence, perRequest) - perRequest;
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartArray();
                for (var n = first; n < first + perRequest; n++)
                {
                    json.WriteStartObject();
                    json.WriteString("deviceId", devices[n % Devices]);
                    json.WriteString("alertType", "Anomaly");
                    json.WriteString("description", "Compressor overheat");
                    json.WriteString("alertTime", start.AddMilliseconds(n));
                    json.WriteString("token", $"suite-{storeName}-{n}");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            return stream.ToArray();
        }

        // Warm-up, untimed: the first requests compile the path's queries and open connections.
        for (var i = 0; i < Clients * 3; i++)
        {
            using var response = await ours[i % Clients].SendAsync(BenchClients.Post(Path, Body(10)), cancellationToken);
            response.EnsureSuccessStatusCode();
            using var baseline = await raw[i % Clients].SendAsync(BenchClients.Post(Path, Body(10)), cancellationToken);
        }

        foreach (var perRequest in new[] { 10, 1 })
        {
            // The figure itself gets every round; with --quick the detail lines' variants one round each, to keep the
            // suite under 10 minutes.
            var isFigure = storeName == "PostgreSQL" && perRequest == 10;
            var (fieldlink, doNothing) = await Interleaved.MediansAsync(
                isFigure || !context.Quick ? context.Rounds : 1,
                async ct =>
                {
                    var result = await ClosedLoopLoad.RunAsync(ours, duration, _ => BenchClients.Post(Path, Body(perRequest)), ct);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {storeName}, {perRequest} alert(s)/request, Fieldlink:  {result.Describe()}; {result.ReachedRate * perRequest:N0} alerts/s; load average {LoadAverage.OneMinute():F1}"));
                    return result.Failed > 0 ? throw new InvalidOperationException($"Fieldlink refused requests: {result.FirstFailure}") : result.ReachedRate;
                },
                async ct =>
                {
                    var result = await ClosedLoopLoad.RunAsync(raw, duration, _ => BenchClients.Post(Path, Body(perRequest)), ct);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {storeName}, {perRequest} alert(s)/request, do-nothing: {result.Describe()}; load average {LoadAverage.OneMinute():F1}"));
                    return result.ReachedRate;
                },
                cancellationToken);
            var figure = new SuiteFigure(isFigure ? "small-alert-requests" : $"small-alert-requests-{storeName.ToLowerInvariant()}-{perRequest}", fieldlink, doNothing, "requests/s");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {storeName}, {perRequest} alert(s)/request: medians {fieldlink:N0} against {doNothing:N0} requests/s, ratio {figure.Ratio:F3}"));
            figures.Add(figure);
            if (storeName == "PostgreSQL")
            {
                // What the store alone gives for the statements of such a request, a commit each: the bound the
                // do-nothing endpoint does not show (docs/benchmarks.md, "Small alert requests").
                var store = await SmallAlertsStoreBaseline.RunAsync(database, Clients, perRequest, duration, cancellationToken);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {storeName}, {perRequest} alert(s)/request, the same statements by {Clients} Npgsql sessions, no Fieldlink, a commit each: {store:N0} requests/s (Fieldlink {fieldlink / store:F2} of it); load average {LoadAverage.OneMinute():F1}"));
            }
        }

        foreach (var client in ours.Concat(raw))
        {
            client.Dispose();
        }

        return figures;
    }
}
