using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Fieldlink.Connectors.AzureIoTHub.EventHubs;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventHubs;

/// <summary>
/// <see cref="DatabaseCheckpointStore"/> on a real database, written once and run on SQLite and PostgreSQL: the
/// ownership claims the Event Hubs processor's load balancing makes (optimistic, by version), two processes competing
/// for the same partitions, and checkpoints. The processor's batch handler is tested here too, since it checkpoints
/// into the store.
/// </summary>
public abstract partial class CheckpointStoreTests : IAsyncLifetime
{
    protected const string Namespace = "ihsuprodblres055dednamespace.servicebus.windows.net";
    protected const string Hub = "contoso-hub";
    protected const string Group = "fieldlink";

    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    protected Guid InstanceId { get; private set; }

    protected abstract Task CreateDatabaseAsync();

    protected abstract FieldlinkDbContext NewContext();

    protected abstract Task DeleteDatabaseAsync();

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        var provider = new Provider { Id = Guid.NewGuid(), Name = "Contoso IoT Hub", Connector = AzureIoTHubConnector.ConnectorKey };
        var instance = new ProviderInstance { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "contoso-hub" };
        db.AddRange(provider, instance);
        await db.SaveChangesAsync();
        InstanceId = instance.Id;
        var services = new ServiceCollection();
        services.AddScoped(_ => NewContext());
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DeleteDatabaseAsync();
    }

    /// <summary>A store of this test's instance, as one process's connector opens it.</summary>
    protected DatabaseCheckpointStore Store(Guid? instanceId = null) => new(instanceId ?? InstanceId, Scopes, Time);

    /// <summary>The store as the connector is given it: a scope per call, each with its own context.</summary>
    protected IServiceScopeFactory Scopes => _services!.GetRequiredService<IServiceScopeFactory>();

    [Fact]
    public async Task A_first_claim_makes_the_partition_s_row_and_the_list_shows_its_owner_and_version()
    {
        var claimed = await Store().ClaimOwnershipAsync([Wanted("0", "node-a"), Wanted("1", "node-a")], CancellationToken.None);

        Assert.Equal(["0", "1"], claimed.Select(c => c.PartitionId).Order());
        var listed = (await Store().ListOwnershipAsync(Namespace, Hub, Group, CancellationToken.None)).OrderBy(o => o.PartitionId).ToList();
        Assert.Equal(["node-a", "node-a"], listed.Select(o => o.OwnerIdentifier));
        Assert.Equal(claimed.OrderBy(c => c.PartitionId).Select(c => c.Version), listed.Select(o => o.Version));
        Assert.All(listed, o => Assert.Equal(Time.GetUtcNow(), o.LastModifiedTime));
        Assert.Empty(await Store().ListOwnershipAsync(Namespace, Hub, "$Default", CancellationToken.None));
        Assert.Empty(await Store(Guid.NewGuid()).ListOwnershipAsync(Namespace, Hub, Group, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_carrying_a_stale_version_fails_and_the_newer_claim_stands()
    {
        var first = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-a")], CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(10));
        var renewed = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-a", first.Version)], CancellationToken.None));

        var stale = await Store().ClaimOwnershipAsync([Wanted("0", "node-b", first.Version)], CancellationToken.None);

        Assert.Empty(stale);
        Assert.NotEqual(first.Version, renewed.Version);
        var owner = Assert.Single(await Store().ListOwnershipAsync(Namespace, Hub, Group, CancellationToken.None));
        Assert.Equal(("node-a", renewed.Version, Time.GetUtcNow()), (owner.OwnerIdentifier, owner.Version, owner.LastModifiedTime));
    }

    [Fact]
    public async Task Two_processes_claiming_the_same_new_partitions_at_once_get_each_partition_once()
    {
        var partitions = Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var claims = await Task.WhenAll(
            Task.Run(() => Store().ClaimOwnershipAsync([.. partitions.Select(p => Wanted(p, "node-a"))], CancellationToken.None)),
            Task.Run(() => Store().ClaimOwnershipAsync([.. partitions.Select(p => Wanted(p, "node-b"))], CancellationToken.None)));

        var won = claims.SelectMany(c => c).ToList();
        Assert.Equal(partitions, won.Select(o => o.PartitionId).Order(StringComparer.Ordinal));
        var listed = await Store().ListOwnershipAsync(Namespace, Hub, Group, CancellationToken.None);
        Assert.All(listed, o => Assert.Equal(won.Single(w => w.PartitionId == o.PartitionId).OwnerIdentifier, o.OwnerIdentifier));
    }

    [Fact]
    public async Task A_process_that_takes_a_partition_over_wins_and_the_old_owner_s_renewal_then_fails()
    {
        var ofA = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-a")], CancellationToken.None));
        var seenByB = Assert.Single(await Store().ListOwnershipAsync(Namespace, Hub, Group, CancellationToken.None));

        var ofB = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-b", seenByB.Version)], CancellationToken.None));
        var renewalOfA = await Store().ClaimOwnershipAsync([Wanted("0", "node-a", ofA.Version)], CancellationToken.None);

        Assert.Empty(renewalOfA);
        Assert.Equal("node-b", Assert.Single(await Store().ListOwnershipAsync(Namespace, Hub, Group, CancellationToken.None)).OwnerIdentifier);
        Assert.Equal("node-b", ofB.OwnerIdentifier);
    }

    [Fact]
    public async Task A_stopping_process_gives_its_partition_up_and_another_claims_it_with_the_new_version()
    {
        var ofA = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-a")], CancellationToken.None));
        var released = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", string.Empty, ofA.Version)], CancellationToken.None));

        var ofB = await Store().ClaimOwnershipAsync([Wanted("0", "node-b", released.Version)], CancellationToken.None);

        Assert.Equal("node-b", Assert.Single(ofB).OwnerIdentifier);
    }

    [Fact]
    public async Task A_checkpoint_is_read_back_as_the_position_after_it_and_does_not_move_the_ownership_s_version()
    {
        Assert.Null(await Store().GetCheckpointAsync(Namespace, Hub, Group, "0", CancellationToken.None));
        var owned = Assert.Single(await Store().ClaimOwnershipAsync([Wanted("0", "node-a")], CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(3));

        await Store().UpdateCheckpointAsync(Namespace, Hub, Group, "0", "node-a", new CheckpointPosition("4096", 41), CancellationToken.None);
        var checkpoint = await Store().GetCheckpointAsync(Namespace, Hub, Group, "0", CancellationToken.None);
        var renewed = await Store().ClaimOwnershipAsync([Wanted("0", "node-a", owned.Version)], CancellationToken.None);

        Assert.Equal(EventPosition.FromOffset("4096", isInclusive: false), checkpoint.StartingPosition);
        Assert.Equal(("0", "node-a", Time.GetUtcNow()), (checkpoint.PartitionId, checkpoint.ClientIdentifier, checkpoint.LastModified));
        Assert.Single(renewed);
        Assert.Null(await Store().GetCheckpointAsync(Namespace, Hub, Group, "1", CancellationToken.None));
        Assert.Null(await Store(Guid.NewGuid()).GetCheckpointAsync(Namespace, Hub, Group, "0", CancellationToken.None));
        await using var db = NewContext();
        var row = await db.AzureIoTHubPartitions.AsNoTracking().SingleAsync();
        Assert.Equal(("4096", 41L), (row.Offset, row.SequenceNumber));
    }

    [Fact]
    public async Task Deleting_the_provider_instance_deletes_its_partitions()
    {
        await Store().ClaimOwnershipAsync([Wanted("0", "node-a")], CancellationToken.None);

        await using var db = NewContext();
        await db.ProviderInstances.Where(i => i.Id == InstanceId).ExecuteDeleteAsync();

        Assert.Equal(0, await db.AzureIoTHubPartitions.CountAsync());
    }

    protected static EventProcessorPartitionOwnership Wanted(string partitionId, string owner, string? version = null) => new()
    {
        FullyQualifiedNamespace = Namespace,
        EventHubName = Hub,
        ConsumerGroup = Group,
        PartitionId = partitionId,
        OwnerIdentifier = owner,
        Version = version,
    };
}
