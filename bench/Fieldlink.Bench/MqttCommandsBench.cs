using System.Buffers;
using System.Diagnostics;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Sdk;
using Fieldlink.Server.Hosting;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Bench;

/// <summary>
/// A command's round trip through MQTT, as a dispatcher sees it: queued (as the API queues it) → the dispatcher sends it
/// through the MQTT connector → the broker → a simulated device, which acknowledges it at once → the ack back through
/// the broker → the command stored Succeeded. The whole Fieldlink server runs in this process (the same services as
/// <c>fieldlink serve</c>); commands are queued at a fixed rate, open loop, and each one's latency is the time from
/// its queuing (<c>createdAt</c>) to its Succeeded being stored (<c>updatedAt</c>), read from the store afterwards.
/// </summary>
public static class MqttCommandsBench
{
    public sealed record Parameters(int Rate, int Seconds, int Devices, int? BrokerPort, int Warmup);

    public static async Task RunAsync(TextWriter output, string database, Parameters p, CancellationToken cancellationToken)
    {
        var embedded = p.BrokerPort is null;
        var port = p.BrokerPort ?? FreePort();
        var options = new Dictionary<string, string?>
        {
            ["Database"] = database,
            ["urls"] = "http://127.0.0.1:0",
            ["Connectors:ReconcileInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (embedded)
        {
            options["Mqtt:Broker"] = $"embedded:{port}";
        }

        var app = FieldlinkApp.Build([], options);
        await app.StartAsync(cancellationToken);
        try
        {
            var run = $"bench-mqtt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            var (instanceId, devices) = await SeedAsync(app.Services, run, port, p.Devices, embedded, cancellationToken);
            using var device = await DeviceAsync(port, cancellationToken);
            await ConnectedAsync(app.Services, instanceId, cancellationToken);

            await SendAsync(app.Services, devices, p.Warmup, rate: Math.Min(p.Rate, 200), cancellationToken);
            var (warmup, _) = await WaitAsync(app.Services, devices, cancellationToken);

            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await SendAsync(app.Services, devices, p.Rate * p.Seconds, p.Rate, cancellationToken);
            var sending = clock.Elapsed;
            var (_, rows) = await WaitAsync(app.Services, devices, cancellationToken);
            var timed = rows.Where(r => r.CreatedAt >= started).ToList();

            // In microseconds: the whole round trip, and its two halves (the dispatcher's, and the device's and the ack's).
            var histogram = new LongHistogram(TimeSpan.FromMinutes(5).Ticks / 10, 3);
            var toSent = new LongHistogram(TimeSpan.FromMinutes(5).Ticks / 10, 3);
            var toStored = new LongHistogram(TimeSpan.FromMinutes(5).Ticks / 10, 3);
            foreach (var row in timed.Where(r => r.Status == CommandStatus.Succeeded))
            {
                histogram.RecordValue(Math.Max(1, (row.UpdatedAt - row.CreatedAt).Ticks / 10));
                toSent.RecordValue(Math.Max(1, ((row.SentAt ?? row.UpdatedAt) - row.CreatedAt).Ticks / 10));
                toStored.RecordValue(Math.Max(1, (row.UpdatedAt - (row.SentAt ?? row.UpdatedAt)).Ticks / 10));
            }

            double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;
            var statuses = string.Join(", ", timed.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"));
            await output.WriteLineAsync($"database {(database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL" : "SQLite")}, broker {(embedded ? "embedded (MQTTnet, in process)" : $"127.0.0.1:{port}")}, {p.Devices} devices");
            await output.WriteLineAsync($"{timed.Count} commands queued in {sending.TotalSeconds:F1} s ({timed.Count / sending.TotalSeconds:F0}/s asked {p.Rate}/s) after {warmup} warm-up commands: {statuses}");
            await output.WriteLineAsync($"queued -> Succeeded stored: p50 {Ms(50):F2} ms, p90 {Ms(90):F2} ms, p99 {Ms(99):F2} ms, p99.9 {Ms(99.9):F2} ms, max {histogram.GetMaxValue() / 1000.0:F2} ms");
            await output.WriteLineAsync($"  queued -> sent (dispatcher, PUBACK): p50 {toSent.GetValueAtPercentile(50) / 1000.0:F2} ms, p99 {toSent.GetValueAtPercentile(99) / 1000.0:F2} ms; sent -> Succeeded stored (device, ack, store): p50 {toStored.GetValueAtPercentile(50) / 1000.0:F2} ms, p99 {toStored.GetValueAtPercentile(99) / 1000.0:F2} ms");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static async Task<(Guid Instance, Guid[] Devices)> SeedAsync(IServiceProvider services, string run, int port, int count, bool embedded, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var provider = new Provider { Name = run, Connector = MqttConnector.ConnectorKey };
        db.Add(provider);
        await db.SaveChangesAsync(cancellationToken);
        var instance = new ProviderInstance
        {
            ProviderId = provider.Id,
            Name = run,
            Settings = $$"""{"host": "127.0.0.1", "port": {{port}}{{(embedded ? ", \"sharedSubscriptionGroup\": \"\"" : "")}}}""",
        };
        db.Add(instance);
        await db.SaveChangesAsync(cancellationToken);
        var devices = Enumerable.Range(1, count).Select(i => new Device { Name = $"{run} {i}", DeviceId = $"{run}-{i}", ProviderInstanceId = instance.Id }).ToList();
        db.AddRange(devices);
        await db.SaveChangesAsync(cancellationToken);
        return (instance.Id, [.. devices.Select(d => d.Id)]);
    }

    /// <summary>
    /// The simulated devices: one client that answers every command with a Succeeded ack at once. The ack is published
    /// without holding up the receive loop, as a device's firmware would, so the broker never queues commands for it.
    /// </summary>
    private static async Task<IMqttClient> DeviceAsync(int port, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var ack = new MqttApplicationMessageBuilder()
                .WithTopic(e.ApplicationMessage.Topic + "/ack")
                .WithPayload("""{"status": "succeeded"}""")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            _ = client.PublishAsync(ack, cancellationToken).ContinueWith(
                t => Console.Error.WriteLine($"The simulated device's ack failed: {t.Exception?.GetBaseException().Message}"),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-devices").WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build(),
            cancellationToken);
        await client.SubscribeAsync("devices/+/commands/+", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        return client;
    }

    private static async Task ConnectedAsync(IServiceProvider services, Guid instanceId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                var instance = await db.ProviderInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId, cancellationToken);
                var provider = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == instance.ProviderId, cancellationToken);
                if (await services.GetRequiredService<ConnectorInstances>().GetAsync(instance, provider, cancellationToken) is MqttInstance { IsConnected: true })
                {
                    return;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException("The MQTT instance never connected.");
    }

    /// <summary>Queues <paramref name="count"/> commands at <paramref name="rate"/> per second, each as the API does (one request, one transaction).</summary>
    private static async Task SendAsync(IServiceProvider services, Guid[] devices, int count, int rate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CommandIntake>()
                .EnqueueAsync([devices[i % devices.Length]], new CommandRequest("Set Values", new() { ["n"] = i }, null, null, null), null, cancellationToken);
        }
    }

    /// <summary>Waits until every command of the devices is final (at most two minutes), and returns them.</summary>
    private static async Task<(int Count, List<Row> Rows)> WaitAsync(IServiceProvider services, Guid[] devices, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var rows = await db.Commands.AsNoTracking().Where(c => devices.Contains(c.DeviceRecordId))
                .Select(c => new Row(c.CreatedAt, c.SentAt, c.UpdatedAt, c.Status)).ToListAsync(cancellationToken);
            if (rows.All(r => Command.IsFinal(r.Status)) || DateTime.UtcNow > deadline)
            {
                return (rows.Count, rows);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private sealed record Row(DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset UpdatedAt, CommandStatus Status);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
