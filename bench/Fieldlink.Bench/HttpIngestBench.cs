using System.Globalization;
using System.Text.Json;
using Fieldlink.Bench.Suite;

namespace Fieldlink.Bench;

/// <summary>
/// The suite's <c>http-ingest-p99</c> figure: 4 HTTP clients posting telemetry requests of 5,000 points (1,000 reports
/// of 5 measures, one per device, thresholds on) to <c>POST /api/v1/ingest/telemetry</c> of the real server with an
/// Endpoint API key, open loop at a fixed rate; against the same clients posting the same bodies at the same rate to
/// <see cref="NullEndpoint"/>, which reads them and answers at once. The figure is the requests' p99 in ms, counted
/// from each request's due time.
/// </summary>
public static class HttpIngestBench
{
    private const int Clients = 4;
    private const int Devices = 1000;
    private const int Measures = 5;
    private const string Path = "api/v1/ingest/telemetry";

    /// <summary>8 requests a second, 40,000 points a second: about half of what the ingestion path takes on this machine.</summary>
    private const double Rate = 8;

    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var count = (int)(Rate * (context.Quick ? 10 : 60));
        await using var scratch = await ScratchDatabase.CreateAsync(context.Database, "http-ingest", cancellationToken);
        await using var server = await FieldlinkUnderTest.StartAsync(scratch.ConnectionString, cancellationToken);
        var (instanceId, devices) = await server.SeedAsync("suite-http", "bench", "{}", Devices, Measures, cancellationToken);
        var key = await server.EndpointKeyAsync(instanceId, cancellationToken);
        await using var nothing = await NullEndpoint.StartAsync(cancellationToken);
        var ours = BenchClients.Create(Clients, server.Address, key);
        var raw = BenchClients.Create(Clients, nothing.Address, null);
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var batchesSoFar = 0;

        // Each run's bodies are new instants, so no run overwrites another's readings (the slower, rarer path).
        byte[][] Bodies(int n)
        {
            var first = batchesSoFar;
            batchesSoFar += n;
            return [.. Enumerable.Range(first, n).Select(b => Body(devices, start.AddSeconds(b)))];
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Clients} clients, open loop at {Rate}/s for {count} requests of {Devices} reports x {Measures} measures; a few warm-up requests each first"));
        var warmUp = Bodies(Clients * 2);
        for (var i = 0; i < warmUp.Length; i++)
        {
            using var response = await ours[i % Clients].SendAsync(BenchClients.Post(Path, warmUp[i]), cancellationToken);
            response.EnsureSuccessStatusCode();
            using var baseline = await raw[i % Clients].SendAsync(BenchClients.Post(Path, warmUp[i]), cancellationToken);
        }

        byte[][] bodies = [];
        var (p99, rawP99) = await Interleaved.MediansAsync(
            context.Rounds,
            async ct =>
            {
                bodies = Bodies(count);
                var result = await OpenLoopLoad.RunAsync(ours, Rate, count, i => BenchClients.Post(Path, bodies[i]), ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Fieldlink:  {result.Describe()}; {result.ReachedRate * Devices * Measures:N0} points/s; load average {LoadAverage.OneMinute():F1}"));
                return result.Failed > 0 ? throw new InvalidOperationException($"Fieldlink refused requests: {result.FirstFailure}") : result.Ms(99);
            },
            async ct =>
            {
                var result = await OpenLoopLoad.RunAsync(raw, Rate, count, i => BenchClients.Post(Path, bodies[i]), ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  do-nothing: {result.Describe()}; load average {LoadAverage.OneMinute():F1}"));
                return result.Ms(99);
            },
            cancellationToken);
        foreach (var client in ours.Concat(raw))
        {
            client.Dispose();
        }

        return [new SuiteFigure("http-ingest-p99", p99, rawP99, "ms")];
    }

    private static byte[] Body(string[] devices, DateTimeOffset timestamp)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            for (var d = 0; d < devices.Length; d++)
            {
                json.WriteStartObject();
                json.WriteString("deviceId", devices[d]);
                json.WriteString("timestamp", timestamp);
                json.WriteStartObject("values");
                for (var m = 0; m < Measures; m++)
                {
                    json.WriteNumber($"measure{m}", 20 + ((d * 7919 + m) % 1000 / 100.0));
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return stream.ToArray();
    }
}
