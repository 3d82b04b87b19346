using System.Collections.Concurrent;
using System.Diagnostics;
using Fieldlink.Bench.Suite;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Sdk;
using Fieldlink.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Bench.Commands;

/// <summary>
/// Fieldlink's command round trip through MQTT: the whole server runs in this process (the services of
/// <c>fieldlink serve</c>) with an MQTT provider instance on the broker; commands are queued as the API queues them
/// (<see cref="CommandIntake"/>, one call per request, open loop), the dispatcher sends them through the MQTT connector,
/// <see cref="SimulatedDevices"/> answer at once, and the ack comes back through the broker to be stored. A command is
/// done when its Succeeded is committed: the bench watches the process's <see cref="ChangeFeed"/>, which hears of each
/// commit (falling back on the stored <c>updatedAt</c> for a batch too large to name its commands). Each run also splits
/// the round trip where the simulated device received the command: the way out (queued, dispatched, published, through
/// the broker) and the way back (the ack through the broker, received by the connector, Succeeded stored), so a
/// profile starts from the half that waits.
/// </summary>
public sealed class FieldlinkCommandRoundTrip : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly ConcurrentDictionary<Guid, long> _lastChange = new();
    private IDisposable? _watching;
    private SimulatedDevices? _devices;
    private LeftBrokerSession? _leftSession;
    private Guid[] _deviceIds = [];

    private FieldlinkCommandRoundTrip(WebApplication app, string dataDirectory) => (_app, _dataDirectory) = (app, dataDirectory);

    /// <summary>Whether the broker is Fieldlink's embedded one (on its own free port) rather than one already running.</summary>
    public bool Embedded { get; private init; }

    /// <summary>The broker's port on 127.0.0.1.</summary>
    public int Port { get; private init; }

    /// <summary>Starts Fieldlink on <paramref name="database"/>, on the broker at <paramref name="brokerPort"/> or, when null, its embedded broker.</summary>
    public static async Task<FieldlinkCommandRoundTrip> StartAsync(string database, int? brokerPort, int devices, CancellationToken cancellationToken)
    {
        var port = brokerPort ?? FreePort();

        // A data directory of its own: the embedded broker's journal in ./data would otherwise keep the persistent
        // sessions of earlier runs, owed every message of this one for as long as their session expiry allows.
        var dataDirectory = Directory.CreateTempSubdirectory("fieldlink-bench-commands-").FullName;
        var options = new Dictionary<string, string?>
        {
            ["Database"] = database,
            ["DataDir"] = dataDirectory,
            ["urls"] = "http://127.0.0.1:0",
            ["Connectors:ReconcileInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (brokerPort is null)
        {
            options["Mqtt:Broker"] = $"embedded:{port}";
        }

        // The server's static web assets are named after its assembly, not the bench's.
        WebApplication app;
        try
        {
            app = FieldlinkApp.Build(["--applicationName", "fieldlink"], options);
        }
        catch
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }

        var session = new FieldlinkCommandRoundTrip(app, dataDirectory) { Embedded = brokerPort is null, Port = port };
        try
        {
            await app.StartAsync(cancellationToken);
            session._watching = app.Services.GetRequiredService<ChangeFeed>().Subscribe(session.OnChanges);
            var instanceId = await session.SeedAsync(devices, cancellationToken);
            session._devices = await SimulatedDevices.ConnectAsync(port, $"bench-devices-{Guid.NewGuid():N}", "devices/+/commands/+", cancellationToken);
            await session.ConnectedAsync(instanceId, cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues <paramref name="count"/> commands at <paramref name="rate"/>/s, open loop, to the devices in turn, waits until all are final, and times them.</summary>
    public async Task<RoundTripFigures> RunAsync(string name, int count, int rate, CancellationToken cancellationToken)
    {
        _devices!.ForgetReceived();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runtime = RuntimeActivity.Now();
        var commits = await CommitsAsync(cancellationToken);
        var due = new ConcurrentDictionary<Guid, long>();
        var refused = 0;
        var queuedIn = RoundTripFigures.NewHistogram();
        var origin = Stopwatch.GetTimestamp();
        var wallOrigin = DateTimeOffset.UtcNow;
        var (_, taken) = await OpenLoop.RunAsync(count, rate, async (i, dueAt) =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            IReadOnlyList<Command> queued;
            try
            {
                queued = await scope.ServiceProvider.GetRequiredService<CommandIntake>()
                    .EnqueueAsync([_deviceIds[i % _deviceIds.Length]], new CommandRequest("Set Values", new() { ["n"] = i }, null, null, null), null, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                // As the API would answer 500/503: counted, and the run goes on.
                Interlocked.Increment(ref refused);
                return;
            }

            due[queued[0].Id] = dueAt;
            lock (queuedIn)
            {
                queuedIn.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(dueAt).TotalMicroseconds));
            }
        }, cancellationToken);

        var rows = await FinalAsync([.. due.Keys], cancellationToken);
        var cpuPerCommand = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
        var runtimeDuring = RuntimeActivity.Now() - runtime;
        var commitsPerCommand = (await CommitsAsync(cancellationToken) - commits) / (double)count;
        long Timestamp(DateTimeOffset at) => origin + (long)((at - wallOrigin).TotalSeconds * Stopwatch.Frequency);
        var histogram = RoundTripFigures.NewHistogram();
        var toSent = RoundTripFigures.NewHistogram();
        var toDevice = RoundTripFigures.NewHistogram();
        var back = RoundTripFigures.NewHistogram();
        var last = origin;
        var fromFeed = 0;
        foreach (var row in rows.Where(r => r.Status == CommandStatus.Succeeded))
        {
            var dueAt = due[row.Id];
            var stored = _lastChange.TryGetValue(row.Id, out var heard) ? heard : Timestamp(row.UpdatedAt);
            fromFeed += heard != 0 ? 1 : 0;
            last = Math.Max(last, stored);
            histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(dueAt, stored).TotalMicroseconds));
            toSent.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(dueAt, Timestamp(row.SentAt ?? row.UpdatedAt)).TotalMicroseconds));
            if (_devices.TryGetReceived(row.Id, out var received))
            {
                toDevice.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(dueAt, received).TotalMicroseconds));
                back.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(received, stored).TotalMicroseconds));
            }
        }

        var statuses = string.Join(", ", rows.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"));
        var detail = $"{statuses}{(refused > 0 ? $", {refused} not queued (the intake failed: no connection in time)" : "")}; due -> queued (intake returned) p50 {RoundTripFigures.Ms(queuedIn, 50):F2} ms, p99 {RoundTripFigures.Ms(queuedIn, 99):F2} ms; due -> Sent stored p50 {RoundTripFigures.Ms(toSent, 50):F2} ms, p99 {RoundTripFigures.Ms(toSent, 99):F2} ms; due -> device received p50 {RoundTripFigures.Ms(toDevice, 50):F2} ms, p99 {RoundTripFigures.Ms(toDevice, 99):F2} ms; device acked -> Succeeded stored p50 {RoundTripFigures.Ms(back, 50):F2} ms, p99 {RoundTripFigures.Ms(back, 99):F2} ms; {fromFeed} of {rows.Count} ends heard on the change feed; this process's CPU {cpuPerCommand:F2} ms a command (the simulated devices' and the bench's included); {runtimeDuring.Describe(count)}{(commitsPerCommand >= 0 ? $", {commitsPerCommand:F2} PostgreSQL transactions a command (the bench's reads included)" : "")}";
        return RoundTripFigures.From(name, histogram, rate, taken, Stopwatch.GetElapsedTime(origin, last), detail);
    }

    /// <summary>The database's committed transactions so far (PostgreSQL's statistics, which lag up to half a second); -1 on SQLite.</summary>
    private async Task<long> CommitsAsync(CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) != true)
        {
            return -1;
        }

        // The statistics are sent at most twice a second; a second's pause lets the last ones in.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return await db.Database.SqlQueryRaw<long>("""SELECT xact_commit AS "Value" FROM pg_stat_database WHERE datname = current_database()""").SingleAsync(cancellationToken);
    }

    private void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var change in changes)
        {
            if (change.Kind == RecordKind.Command && !change.IsAny)
            {
                _lastChange[change.Id] = now;
            }
        }
    }

    private async Task<Guid> SeedAsync(int count, CancellationToken cancellationToken)
    {
        var run = $"bench-mqtt-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var provider = new Provider { Name = run, Connector = MqttConnector.ConnectorKey };
        db.Add(provider);
        await db.SaveChangesAsync(cancellationToken);
        var instance = new ProviderInstance
        {
            ProviderId = provider.Id,
            Name = run,
            Settings = $$"""{"host": "127.0.0.1", "port": {{Port}}, "commandTopic": "devices/{deviceId}/commands/{commandId}"{{(Embedded ? ", \"sharedSubscriptionGroup\": \"\"" : "")}}}""",
        };
        db.Add(instance);
        await db.SaveChangesAsync(cancellationToken);
        var devices = Enumerable.Range(1, count).Select(i => new Device { Name = $"{run} {i}", DeviceId = $"{run}-{i}", ProviderInstanceId = instance.Id }).ToList();
        db.AddRange(devices);
        await db.SaveChangesAsync(cancellationToken);
        _deviceIds = [.. devices.Select(d => d.Id)];
        return instance.Id;
    }

    private async Task ConnectedAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using (var scope = _app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                var instance = await db.ProviderInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId, cancellationToken);
                var provider = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == instance.ProviderId, cancellationToken);
                if (await _app.Services.GetRequiredService<ConnectorInstances>().GetAsync(instance, provider, cancellationToken) is MqttInstance { IsConnected: true } connected)
                {
                    if (!Embedded)
                    {
                        _leftSession = new LeftBrokerSession(Port) { ClientId = connected.ClientId };
                    }

                    return;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException("The MQTT instance never connected.");
    }

    /// <summary>Waits until every one of the commands is final (at most two minutes), and returns them.</summary>
    private async Task<List<Row>> FinalAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var rows = await db.Commands.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new Row(c.Id, c.SentAt, c.UpdatedAt, c.Status)).ToListAsync(cancellationToken);
            if (rows.All(r => Command.IsFinal(r.Status)) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _watching?.Dispose();
        if (_devices is not null)
        {
            await _devices.DisposeAsync();
        }

        try
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();

            // The connector's session at a broker the bench did not start, ended once the server has stopped.
            if (_leftSession is not null)
            {
                await _leftSession.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private sealed record Row(Guid Id, DateTimeOffset? SentAt, DateTimeOffset UpdatedAt, CommandStatus Status);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
