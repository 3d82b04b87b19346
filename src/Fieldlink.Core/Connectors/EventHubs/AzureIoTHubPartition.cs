namespace Fieldlink.Core.Connectors.EventHubs;

/// <summary>
/// One partition of an IoT hub's Event Hubs-compatible endpoint as a provider instance reads it through one consumer
/// group: which Fieldlink process owns it now (so the processes sharing the store split the partitions and each message
/// is stored once per checkpoint window) and where the last stored batch ended (so a new owner goes on from there).
/// It plays the part Azure's blob checkpoint store plays for the Event Hubs processor, kept in Fieldlink's own database.
/// </summary>
public sealed class AzureIoTHubPartition
{
    public const int NamespaceMaxLength = 255;

    public const int NameMaxLength = 256;

    public const int PartitionIdMaxLength = 64;

    public const int OwnerMaxLength = 100;

    public const int OffsetMaxLength = 64;

    /// <summary>The provider instance that reads the partition; its rows go when it is deleted.</summary>
    public Guid ProviderInstanceId { get; set; }

    /// <summary>The endpoint's namespace, e.g. <c>ihsuprodblres055dednamespace.servicebus.windows.net</c>.</summary>
    public required string FullyQualifiedNamespace { get; set; }

    /// <summary>The Event Hub's name: the EntityPath of the endpoint's connection string.</summary>
    public required string EventHubName { get; set; }

    /// <summary>The consumer group read through, e.g. <c>$Default</c>.</summary>
    public required string ConsumerGroup { get; set; }

    /// <summary>The partition's id, e.g. <c>0</c>.</summary>
    public required string PartitionId { get; set; }

    /// <summary>The node name of the process that owns the partition; empty when it gave the partition up.</summary>
    public string OwnerIdentifier { get; set; } = string.Empty;

    /// <summary>
    /// The ownership's version, the ETag a claim must carry: every claim moves it on, and a claim carrying an older one
    /// fails, so of two processes claiming at once one wins.
    /// </summary>
    public long Version { get; set; }

    /// <summary>When the ownership was last claimed or renewed, by the owner's clock; an owner silent for longer than the processor's expiry interval loses it.</summary>
    public DateTimeOffset OwnershipModifiedAt { get; set; }

    /// <summary>The offset of the last event stored (the checkpoint); null before the first checkpoint.</summary>
    public string? Offset { get; set; }

    /// <summary>The sequence number of the last event stored (the checkpoint); null before the first checkpoint.</summary>
    public long? SequenceNumber { get; set; }

    /// <summary>When the checkpoint was last written; null before the first.</summary>
    public DateTimeOffset? CheckpointModifiedAt { get; set; }

    /// <summary>The node name of the process that wrote the checkpoint.</summary>
    public string? CheckpointedBy { get; set; }
}
