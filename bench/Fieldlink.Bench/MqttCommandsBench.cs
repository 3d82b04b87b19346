using System.Globalization;
using Fieldlink.Bench.Commands;
using Fieldlink.Bench.Suite;

namespace Fieldlink.Bench;

/// <summary>
/// A command's round trip through MQTT at a fixed rate, open loop, beside its raw baseline in the same run: Fieldlink's
/// (queued as the API queues it → sent by the dispatcher through the MQTT connector → the broker → a simulated device,
/// which acknowledges it at once → the ack back through the broker → Succeeded stored; see
/// <see cref="FieldlinkCommandRoundTrip"/>) and the broker's alone (publish → the same device's ack, QoS 1, no
/// Fieldlink in between; see <see cref="RawCommandRoundTrip"/>), interleaved A B A B so both see the same machine.
/// Each latency is from the command's due time, so a backlog counts in full.
/// </summary>
public static class MqttCommandsBench
{
    public sealed record Parameters(int Rate, int Seconds, int Devices, int? BrokerPort, int Warmup, int Rounds);

    /// <summary><c>bench mqtt-commands</c>: one broker (the one at <see cref="Parameters.BrokerPort"/>, or the embedded one).</summary>
    public static async Task RunAsync(TextWriter output, string database, Parameters p, CancellationToken cancellationToken)
    {
        var figure = await MeasureAsync(output, database, p, cancellationToken);
        await output.WriteLineAsync(Line(figure));
    }

    /// <summary>
    /// <c>bench suite</c>'s figures <c>command-p99-mosquitto</c> (the broker at <see cref="SuiteContext.BrokerPort"/>)
    /// and <c>command-p99-embedded</c>: p99 in ms, Fieldlink's beside the raw broker round trip's, at 500 commands/s.
    /// </summary>
    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = context.Quick ? 10 : 20;
        List<SuiteFigure> figures = [];
        foreach (var (name, port) in new[] { ("command-p99-mosquitto", (int?)context.BrokerPort), ("command-p99-embedded", null) })
        {
            // A database of its own for each broker, as every figure has: in a shared one the provider instances of
            // earlier runs are started too, each trying to reach a broker that is gone (or taking a share of Mosquitto's).
            await using var scratch = await ScratchDatabase.CreateAsync(context.Database, name, ct);
            var figure = await MeasureAsync(context.Output, scratch.ConnectionString, new Parameters(500, seconds, 100, port, 500 * seconds, context.Rounds), ct);
            figures.Add(figure with { Name = name });
        }

        return figures;
    }

    private static async Task<SuiteFigure> MeasureAsync(TextWriter output, string database, Parameters p, CancellationToken cancellationToken)
    {
        await using var fieldlink = await FieldlinkCommandRoundTrip.StartAsync(database, p.BrokerPort, p.Devices, cancellationToken);
        await using var raw = await RawCommandRoundTrip.ConnectAsync(fieldlink.Port, cancellationToken);
        var store = database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || database.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL" : "SQLite";
        var broker = fieldlink.Embedded ? $"embedded (MQTTnet, in process, port {fieldlink.Port})" : $"127.0.0.1:{fieldlink.Port}";
        await output.WriteLineAsync($"command round trip: {store}, broker {broker}, {p.Devices} devices, {p.Rate}/s for {p.Seconds} s, {p.Rounds} rounds of Fieldlink then raw");

        // Untimed, at the timed rate: the JIT, the pools and the connections warm up. Tiered compilation goes on
        // recompiling the hot methods for a while (the runs print how many methods each compiled): with 500 commands
        // at 200/s the first timed round was every run's worst, so the warm-up is as long as a round.
        await fieldlink.RunAsync("warm-up", p.Warmup, p.Rate, cancellationToken);
        await raw.RunAsync("warm-up", p.Warmup, p.Rate, p.Devices, cancellationToken);

        var count = p.Rate * p.Seconds;
        var round = 0;
        var (ours, baseline) = await Interleaved.MediansAsync(
            p.Rounds,
            async ct =>
            {
                var run = await fieldlink.RunAsync($"fieldlink {++round}", count, p.Rate, ct);
                await output.WriteLineAsync($"  {run} (load {LoadAverage.OneMinute():F2})");
                return run.P99;
            },
            async ct =>
            {
                var run = await raw.RunAsync($"raw       {round}", count, p.Rate, p.Devices, ct);
                await output.WriteLineAsync($"  {run} (load {LoadAverage.OneMinute():F2})");
                return run.P99;
            },
            cancellationToken);
        return new SuiteFigure(fieldlink.Embedded ? "command-p99-embedded" : "command-p99-mosquitto", ours, baseline, "ms");
    }

    private static string Line(SuiteFigure f) => string.Create(
        CultureInfo.InvariantCulture,
        $"{f.Name} {f.Fieldlink:F2} {f.Baseline:F2} {f.Ratio:F2} {f.Unit} (p99 medians; load {LoadAverage.OneMinute():F2})");
}
