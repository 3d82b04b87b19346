using System.Data.Common;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Readings;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// Telemetry is written by each database's bulk path, not SaveChanges, and still announced: once per stored batch, in
/// its transaction, with its devices (folded past the change set's cap), and never when the batch does not commit.
/// </summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task A_stored_readings_batch_is_announced_once_with_its_devices_and_a_batch_that_does_not_commit_not_at_all()
    {
        var (live, batches) = Recorder();
        var devices = await DevicesAsync(ChangeSet.MaxPerKind + 1);
        var (pump, fan) = (devices[0], devices[1]);
        var cache = new ReadingSeriesCache();

        await using (var db = NewLiveContext(live))
        {
            var written = await new ReadingsWriter(db, cache, new LastActivityThrottle(TimeSpan.Zero)).WriteAsync(
                [new(pump.Id, "temperature", Start, 21.5), new(pump.Id, "humidity", Start, 40), new(fan.Id, "temperature", Start.AddSeconds(1), 19)],
                [new(pump.Id, Start), new(fan.Id, Start.AddSeconds(1))],
                default);
            Assert.Equal(3, written);
        }

        var batch = Assert.Single(batches);
        Assert.Equal(
            [RecordChange.Any(RecordKind.Reading, fan.Id), RecordChange.Any(RecordKind.Reading, pump.Id)],
            batch.OrderBy(c => c.DeviceId == pump.Id));

        // The commit fails (as when the connection drops at that instant): nothing is announced.
        await using (var db = NewLiveContext(live, new FailingCommit()))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => new ReadingsWriter(db, cache, new LastActivityThrottle(TimeSpan.Zero)).WriteAsync(
                [new(pump.Id, "temperature", Start.AddMinutes(1), 22)], [], default));
        }

        Assert.Single(batches);

        // A batch of more devices than the change set names one by one: one change, "some readings".
        await using (var db = NewLiveContext(live))
        {
            await new ReadingsWriter(db, cache, new LastActivityThrottle(TimeSpan.Zero)).WriteAsync([.. devices.Select(d => new DeviceReading(d.Id, "temperature", Start.AddMinutes(2), 20))], [], default);
        }

        Assert.Equal(2, batches.Count);
        Assert.Equal([RecordChange.Any(RecordKind.Reading)], batches[1]);
    }

    private static (LiveChanges Live, List<IReadOnlyList<RecordChange>> Batches) Recorder()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
        var batches = new List<IReadOnlyList<RecordChange>>();
        feed.Subscribe(batches.Add);
        return (new LiveChanges(feed, NullLogger<LiveChanges>.Instance), batches);
    }

    private async Task<List<Device>> DevicesAsync(int count)
    {
        var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme Cloud", Connector = "mqtt" };
        var instance = new ProviderInstance { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "Acme EU" };
        var devices = Enumerable.Range(0, count)
            .Select(i => new Device { Id = Guid.NewGuid(), Name = $"Pump {i}", DeviceId = $"pump-{i}", ProviderInstanceId = instance.Id })
            .ToList();
        await AddAsync([provider, instance, .. devices]);
        return devices;
    }

    /// <summary>Fails every commit before it reaches the database.</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The commit failed.");
    }
}
