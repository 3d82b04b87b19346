using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fieldlink.Bench.Suite;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;

namespace Fieldlink.Bench;

/// <summary>
/// The suite's <c>telemetry-mqtt</c> figure: devices publishing telemetry to the broker at QoS 1 (4 publisher clients,
/// each with up to 100 messages awaiting their PUBACK, 1,000 devices of 5 measures in a category with thresholds), the
/// real server's MQTT connector subscribed, until every reading is stored; against the same publishers publishing the
/// same messages through the same broker to a bare subscriber (QoS 1) until it has received them all. The baseline is
/// a subscriber rather than COPY because it is the limit of this path: what the publishers and the broker deliver on
/// this machine, which no subscriber can exceed; the <c>telemetry</c> figure's COPY is the storage's limit. Both in points/s.
/// </summary>
public static class TelemetryMqttBench
{
    private const int Publishers = 4;
    private const int Window = 100;
    private const int Devices = 1000;
    private const int Measures = 5;

    /// <summary>How long the readings may stop growing before a run fails.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var messages = context.Quick ? 30_000 : 200_000;
        await using var scratch = await ScratchDatabase.CreateAsync(context.Database, "telemetry-mqtt", cancellationToken);

        // Declared before the server, so it runs after the server stopped: see LeftBrokerSession.
        await using var leftSession = new LeftBrokerSession(context.BrokerPort);
        await using var server = await FieldlinkUnderTest.StartAsync(scratch.ConnectionString, cancellationToken);
        var (instanceId, devices) = await server.SeedAsync(
            "suite-mqtt", MqttConnector.ConnectorKey, $$"""{"host": "127.0.0.1", "port": {{context.BrokerPort}}}""", Devices, Measures, cancellationToken);
        leftSession.ClientId = (await ConnectedAsync(server.Services, instanceId, cancellationToken)).ClientId;
        await using var readings = NpgsqlDataSource.Create(PostgresStorage.ToConnectionString(scratch.ConnectionString));
        var publishers = await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => ClientAsync(context.BrokerPort, $"suite-publisher-{p}", cancellationToken)));
        var received = 0L;
        var receivedAll = new TaskCompletionSource();
        var expected = 0L;
        using var subscriber = await ClientAsync(context.BrokerPort, "suite-bare-subscriber", cancellationToken);
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref received) == Interlocked.Read(ref expected))
            {
                receivedAll.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync("suite-baseline/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var sent = 0L;

        // Warm-up, untimed, of both sides: one message per device creates the series and reads the thresholds.
        var stored = await CountAsync(readings, cancellationToken);
        await PublishAsync(publishers, devices, "devices", sent, Devices, start, cancellationToken);
        sent += Devices;
        await StoredAsync(readings, stored + (Devices * Measures), Stopwatch.StartNew(), cancellationToken);
        Interlocked.Exchange(ref expected, Devices);
        await PublishAsync(publishers, devices, "suite-baseline", sent, Devices, start, cancellationToken);
        sent += Devices;
        await receivedAll.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {messages:N0} messages of {Measures} measures a run from {Publishers} publishers (QoS 1, {Window} in flight each), {Devices} devices, thresholds on; broker 127.0.0.1:{context.BrokerPort}"));
        var (ours, raw) = await Interleaved.MediansAsync(
            context.Rounds,
            async ct =>
            {
                var before = await CountAsync(readings, ct);
                var clock = Stopwatch.StartNew();
                var published = await PublishAsync(publishers, devices, "devices", sent, messages, start, ct);
                sent += messages;
                var elapsed = await StoredAsync(readings, before + ((long)messages * Measures), clock, ct);
                var rate = (double)messages * Measures / elapsed.TotalSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Fieldlink: published in {published.TotalSeconds:F1} s, all stored in {elapsed.TotalSeconds:F1} s: {rate:N0} points/s; load average {LoadAverage.OneMinute():F1}"));
                return rate;
            },
            async ct =>
            {
                Interlocked.Exchange(ref received, 0);
                Interlocked.Exchange(ref expected, messages);
                receivedAll = new TaskCompletionSource();
                var clock = Stopwatch.StartNew();
                var published = await PublishAsync(publishers, devices, "suite-baseline", sent, messages, start, ct);
                sent += messages;
                await receivedAll.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
                var rate = (double)messages * Measures / clock.Elapsed.TotalSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare subscriber: published in {published.TotalSeconds:F1} s, all received in {clock.Elapsed.TotalSeconds:F1} s: {rate:N0} points/s; load average {LoadAverage.OneMinute():F1}"));
                return rate;
            },
            cancellationToken);
        foreach (var publisher in publishers)
        {
            publisher.Dispose();
        }

        return [new SuiteFigure("telemetry-mqtt", ours, raw, "points/s")];
    }

    /// <summary>
    /// Publishes messages <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> (device after
    /// device, one second apart per round) under <paramref name="prefix"/>, each publisher its share of the devices,
    /// and returns when every PUBACK is in.
    /// </summary>
    private static async Task<TimeSpan> PublishAsync(IMqttClient[] publishers, string[] devices, string prefix, long first, int count, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(publishers.Select((client, p) => Task.Run(
            async () =>
            {
                using var window = new SemaphoreSlim(Window);
                var pending = new List<Task>();
                for (var n = first + p; n < first + count; n += publishers.Length)
                {
                    await window.WaitAsync(cancellationToken);
                    var (round, device) = Math.DivRem(n, devices.Length);
                    var payload = new StringBuilder("{\"ts\":\"").Append(start.AddSeconds(round).ToString("O", CultureInfo.InvariantCulture)).Append('"');
                    for (var m = 0; m < Measures; m++)
                    {
                        payload.Append(CultureInfo.InvariantCulture, $",\"measure{m}\":{20 + ((n * 7919 + m) % 1000 / 100.0)}");
                    }

                    var message = new MqttApplicationMessageBuilder()
                        .WithTopic($"{prefix}/{devices[device]}/telemetry")
                        .WithPayload(payload.Append('}').ToString())
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build();
                    pending.Add(PublishOneAsync(client, message, window, cancellationToken));
                }

                await Task.WhenAll(pending);
            },
            cancellationToken)));
        return clock.Elapsed;
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.PublishAsync(message, cancellationToken);
            if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                throw new InvalidOperationException($"The broker refused a message: {result.ReasonCode} {result.ReasonString}");
            }
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>
    /// Waits until the readings table holds <paramref name="target"/> rows, polling every 50 ms. A slow machine only
    /// lowers the rate: the run fails when nothing more was stored for <see cref="StallLimit"/> (a stall, or readings
    /// lost), not after a fixed time.
    /// </summary>
    private static async Task<TimeSpan> StoredAsync(NpgsqlDataSource readings, long target, Stopwatch clock, CancellationToken cancellationToken)
    {
        long count;
        var last = -1L;
        var lastProgress = clock.Elapsed;
        while ((count = await CountAsync(readings, cancellationToken)) < target)
        {
            if (count != last)
            {
                (last, lastProgress) = (count, clock.Elapsed);
            }
            else if (clock.Elapsed - lastProgress > StallLimit)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{target - count:N0} readings of the run were still not stored, and none more for {StallLimit.TotalSeconds:F0} s ({clock.Elapsed.TotalSeconds:F0} s into the run): lost by the broker's queue limit, or refused (see the dead letters)."));
            }

            await Task.Delay(50, cancellationToken);
        }

        return clock.Elapsed;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource readings, CancellationToken cancellationToken)
    {
        await using var command = readings.CreateCommand("SELECT count(*) FROM \"Readings\"");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IMqttClient> ClientAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build(),
            cancellationToken);
        return client;
    }

    private static async Task<MqttInstance> ConnectedAsync(IServiceProvider services, Guid instanceId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                var instance = await db.ProviderInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId, cancellationToken);
                var provider = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == instance.ProviderId, cancellationToken);
                if (await services.GetRequiredService<ConnectorInstances>().GetAsync(instance, provider, cancellationToken) is MqttInstance { IsConnected: true } connected)
                {
                    return connected;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException("The MQTT provider instance never connected to the broker.");
    }
}
