using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>
/// Issue 9: the sink every connector reports through tells store failures apart. One the store refuses for good (a
/// value it will never take, past every check) costs only the items it refuses, as dead letters with the database's
/// reason; one that passes (the store down, a timeout) is thrown as transient, for the connector to retry, and
/// nothing is lost. The database's commands are made to fail by an interceptor; both databases.
/// </summary>
public abstract class ConnectorSinkFailureTests(FailingStoreServer server)
{
    private readonly HttpClient _admin = server.Server.Client();

    [Fact]
    public async Task A_batch_the_store_refuses_for_good_stores_every_item_but_the_refused_one_which_is_a_dead_letter()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var devices = new List<JsonObject>();
        for (var i = 0; i < 5; i++)
        {
            devices.Add(await Registry.DeviceAsync(_admin, instance.Id()));
        }

        var sink = Sink(instance.Id());
        var refused = "refused-" + Guid.NewGuid().ToString("N");
        server.Faults.Refuse(refused);
        StoreFaults.Here = true;

        await sink.PublishDeviceStateAsync(
            [.. devices.Select((d, i) => new DeviceStateReport((string)d["deviceId"]!, ReportedProperties: new JsonObject { ["mode"] = i == 3 ? refused : $"mode-{i}" }))],
            CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            var stored = await (await _admin.GetAsync($"/api/v1/devices/{devices[i].Id()}")).ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal(i == 3 ? null : $"mode-{i}", (string?)stored["reportedProperties"]?["mode"]);
        }

        var letters = await (await _admin.GetAsync($"/api/v1/deadLetters?$filter=providerInstanceId eq {instance.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var letter = Assert.Single(letters["value"]!.AsArray())!;
        Assert.Equal(("state", (string)devices[3]["deviceId"]!), ((string)letter["source"]!, (string)letter["deviceId"]!));
        Assert.Contains("The store refused it", (string)letter["reason"]!, StringComparison.Ordinal);
        Assert.Contains(refused, (string)letter["payload"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_is_down_is_reported_as_transient_and_the_retry_loses_nothing()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var sink = Sink(instance.Id());
        var report = new DeviceStateReport((string)device["deviceId"]!, ReportedProperties: new JsonObject { ["firmware"] = "2.0" });

        // EF Core logs each query the store failed, at Error.
        using var _ = server.Server.Log.ExpectErrors("Microsoft.EntityFrameworkCore.Query");
        server.Faults.FailNext(3);
        StoreFaults.Here = true;
        var failures = 0;
        while (true)
        {
            try
            {
                await sink.PublishDeviceStateAsync([report], CancellationToken.None);
                break;
            }
            catch (ConnectorException ex) when (ex.IsTransient)
            {
                failures++;
            }
        }

        Assert.InRange(failures, 1, 3);
        var stored = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("2.0", (string)stored["reportedProperties"]!["firmware"]!);
        var letters = await (await _admin.GetAsync($"/api/v1/deadLetters?$filter=providerInstanceId eq {instance.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)letters["@odata.count"]!);
    }

    private ConnectorSink Sink(Guid instance) => server.Server.Services.GetRequiredService<ConnectorSinkFactory>().Create(instance);
}

/// <summary>
/// Makes the database's commands fail, only those of the test's own calls (<see cref="Here"/>, not the server's
/// background work): for good when a parameter holds a marked value (but a dead letter's), or the next few as a timeout.
/// </summary>
public sealed class StoreFaults : DbCommandInterceptor
{
    private static readonly AsyncLocal<bool> Active = new();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _refused = [];
    private readonly Dictionary<string, int> _timeOuts = [];
    private int _failNext;

    /// <summary>Whether the commands of this async flow (the test's and what it awaits) may be made to fail.</summary>
    public static bool Here
    {
        get => Active.Value;
        set => Active.Value = value;
    }

    public void Refuse(string text)
    {
        lock (_lock)
        {
            _refused.Add(text);
        }
    }

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>
    /// Times out the next <paramref name="times"/> commands whose parameters hold <paramref name="text"/>, in any flow (an
    /// HTTP request's too): a store failure that passes, met by exactly the request that carries the text.
    /// </summary>
    public void TimeOut(string text, int times)
    {
        lock (_lock)
        {
            _timeOuts[text] = times;
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(DbCommand command)
    {
        lock (_lock)
        {
            foreach (var (text, left) in _timeOuts)
            {
                if (left > 0 && command.Parameters.Cast<DbParameter>().Any(p => p.Value is string value && value.Contains(text, StringComparison.Ordinal)))
                {
                    _timeOuts[text] = left - 1;
                    throw new TimeoutException("The store did not answer in time (a test's failure).");
                }
            }
        }

        if (!Here)
        {
            return;
        }

        if (Volatile.Read(ref _failNext) > 0 && Interlocked.Decrement(ref _failNext) >= 0)
        {
            throw new TimeoutException("The store did not answer in time (a test's failure).");
        }

        lock (_lock)
        {
            if (_refused.Count > 0 && !command.CommandText.Contains("dead", StringComparison.OrdinalIgnoreCase) && command.Parameters.Cast<DbParameter>().Any(p => p.Value is string text && _refused.Any(r => text.Contains(r, StringComparison.Ordinal))))
            {
                throw new InvalidOperationException("The store refuses this value for good (a test's failure).");
            }
        }
    }
}

/// <summary>A server whose database commands <see cref="Faults"/> can make fail.</summary>
public abstract class FailingStoreServer : IAsyncLifetime
{
    protected FailingStoreServer(FieldlinkServer server)
    {
        Server = server;
        server.WithServices(services =>
        {
            services.ConfigureDbContext<SqliteFieldlinkDbContext>(options => options.AddInterceptors(Faults));
            services.ConfigureDbContext<PostgresFieldlinkDbContext>(options => options.AddInterceptors(Faults));
        });
    }

    public FieldlinkServer Server { get; }

    public StoreFaults Faults { get; } = new();

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();
}

public sealed class FailingSqliteServer() : FailingStoreServer(new SqliteServer());

public sealed class FailingPostgresServer() : FailingStoreServer(new PostgresServer());

public sealed class ConnectorSinkFailureOnSqliteTests(FailingSqliteServer server) : ConnectorSinkFailureTests(server), IClassFixture<FailingSqliteServer>;

public sealed class ConnectorSinkFailureOnPostgresTests(FailingPostgresServer server) : ConnectorSinkFailureTests(server), IClassFixture<FailingPostgresServer>;
