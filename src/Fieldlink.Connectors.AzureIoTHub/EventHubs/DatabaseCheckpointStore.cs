using System.Globalization;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Fieldlink.Core.Connectors.EventHubs;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Connectors.AzureIoTHub.EventHubs;

/// <summary>
/// The Event Hubs processor's partition ownership and checkpoints for one provider instance, in Fieldlink's own
/// database (<see cref="AzureIoTHubPartition"/>) rather than Azure blob storage. A claim is optimistic: it carries the
/// version (ETag) the claimer last listed, and a claim whose version moved meanwhile (another process claimed first)
/// is left out of the answer, as the processor expects; a new partition's first claim is an insert, and of two
/// inserts one fails on the key. A checkpoint does not move the version, so the owner's next renewal still holds.
/// Thread-safe: every call has its own scope and context.
/// </summary>
public sealed class DatabaseCheckpointStore(Guid providerInstanceId, IServiceScopeFactory scopes, TimeProvider time) : CheckpointStore
{
    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var rows = await db.AzureIoTHubPartitions.AsNoTracking()
            .Where(p => p.ProviderInstanceId == providerInstanceId && p.FullyQualifiedNamespace == fullyQualifiedNamespace && p.EventHubName == eventHubName && p.ConsumerGroup == consumerGroup)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Ownership)];
    }

    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desiredOwnership);
        var claimed = new List<EventProcessorPartitionOwnership>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        foreach (var wanted in desiredOwnership)
        {
            var now = time.GetUtcNow();
            var won = string.IsNullOrEmpty(wanted.Version)
                ? await InsertAsync(db, wanted, now, cancellationToken)
                : await UpdateAsync(db, wanted, now, cancellationToken);
            if (won is not null)
            {
                claimed.Add(won);
            }
        }

        return claimed;
    }

    public override async Task<EventProcessorCheckpoint> GetCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var row = await db.AzureIoTHubPartitions.AsNoTracking()
            .Where(p => p.ProviderInstanceId == providerInstanceId && p.FullyQualifiedNamespace == fullyQualifiedNamespace && p.EventHubName == eventHubName
                && p.ConsumerGroup == consumerGroup && p.PartitionId == partitionId)
            .FirstOrDefaultAsync(cancellationToken);
        EventPosition? position = row switch
        {
            { Offset: { Length: > 0 } offset } => EventPosition.FromOffset(offset, isInclusive: false),
            { SequenceNumber: { } sequenceNumber } => EventPosition.FromSequenceNumber(sequenceNumber, isInclusive: false),
            _ => null,
        };

        // No checkpoint yet: null tells the processor to start at its default position.
        return position is not { } starting ? null! : new EventProcessorCheckpoint
        {
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            EventHubName = eventHubName,
            ConsumerGroup = consumerGroup,
            PartitionId = partitionId,
            StartingPosition = starting,
            ClientIdentifier = row!.CheckpointedBy,
            LastModified = row.CheckpointModifiedAt ?? default,
        };
    }

    /// <summary>The library's older checkpoint call, with a numeric offset; it still has to be answered.</summary>
    [Obsolete("Use the overload with a CheckpointPosition, as the processor does.")]
    public override Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, long offset, long? sequenceNumber, CancellationToken cancellationToken) =>
        UpdateCheckpointAsync(fullyQualifiedNamespace, eventHubName, consumerGroup, partitionId, null!, new CheckpointPosition(offset.ToString(CultureInfo.InvariantCulture), sequenceNumber ?? long.MinValue), cancellationToken);

    public override async Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, string clientIdentifier, CheckpointPosition startingPosition, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var offset = startingPosition.OffsetString;
        long? sequenceNumber = startingPosition.SequenceNumber == long.MinValue ? null : startingPosition.SequenceNumber;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var updated = await db.AzureIoTHubPartitions
            .Where(p => p.ProviderInstanceId == providerInstanceId && p.FullyQualifiedNamespace == fullyQualifiedNamespace && p.EventHubName == eventHubName
                && p.ConsumerGroup == consumerGroup && p.PartitionId == partitionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Offset, offset).SetProperty(p => p.SequenceNumber, sequenceNumber)
                .SetProperty(p => p.CheckpointModifiedAt, now).SetProperty(p => p.CheckpointedBy, clientIdentifier), cancellationToken);
        if (updated == 0)
        {
            // Only an owner checkpoints, and owning made the row; it went (the instance's rows were cleared): keep the position anyway.
            db.AzureIoTHubPartitions.Add(new AzureIoTHubPartition
            {
                ProviderInstanceId = providerInstanceId, FullyQualifiedNamespace = fullyQualifiedNamespace, EventHubName = eventHubName, ConsumerGroup = consumerGroup,
                PartitionId = partitionId, Offset = offset, SequenceNumber = sequenceNumber, CheckpointModifiedAt = now, CheckpointedBy = clientIdentifier, OwnershipModifiedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<EventProcessorPartitionOwnership?> InsertAsync(FieldlinkDbContext db, EventProcessorPartitionOwnership wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new AzureIoTHubPartition
        {
            ProviderInstanceId = providerInstanceId,
            FullyQualifiedNamespace = wanted.FullyQualifiedNamespace,
            EventHubName = wanted.EventHubName,
            ConsumerGroup = wanted.ConsumerGroup,
            PartitionId = wanted.PartitionId,
            OwnerIdentifier = wanted.OwnerIdentifier ?? string.Empty,
            Version = 1,
            OwnershipModifiedAt = now,
        };
        db.AzureIoTHubPartitions.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Ownership(row);
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            // Another process made the row first: its claim stands, this one fails.
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<EventProcessorPartitionOwnership?> UpdateAsync(FieldlinkDbContext db, EventProcessorPartitionOwnership wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!long.TryParse(wanted.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        var owner = wanted.OwnerIdentifier ?? string.Empty;
        var updated = await db.AzureIoTHubPartitions
            .Where(p => p.ProviderInstanceId == providerInstanceId && p.FullyQualifiedNamespace == wanted.FullyQualifiedNamespace && p.EventHubName == wanted.EventHubName
                && p.ConsumerGroup == wanted.ConsumerGroup && p.PartitionId == wanted.PartitionId && p.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OwnerIdentifier, owner).SetProperty(p => p.Version, version + 1).SetProperty(p => p.OwnershipModifiedAt, now), cancellationToken);
        return updated == 0 ? null : new EventProcessorPartitionOwnership
        {
            FullyQualifiedNamespace = wanted.FullyQualifiedNamespace,
            EventHubName = wanted.EventHubName,
            ConsumerGroup = wanted.ConsumerGroup,
            PartitionId = wanted.PartitionId,
            OwnerIdentifier = owner,
            Version = (version + 1).ToString(CultureInfo.InvariantCulture),
            LastModifiedTime = now,
        };
    }

    private static EventProcessorPartitionOwnership Ownership(AzureIoTHubPartition row) => new()
    {
        FullyQualifiedNamespace = row.FullyQualifiedNamespace,
        EventHubName = row.EventHubName,
        ConsumerGroup = row.ConsumerGroup,
        PartitionId = row.PartitionId,
        OwnerIdentifier = row.OwnerIdentifier,
        Version = row.Version.ToString(CultureInfo.InvariantCulture),
        LastModifiedTime = row.OwnershipModifiedAt,
    };
}
