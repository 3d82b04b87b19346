namespace Fieldlink.Core.Ingestion;

/// <summary>What <see cref="ReceivedMessages.TakeAsync"/> answers for a signed message.</summary>
public enum ReceivedMessageClaim
{
    /// <summary>This request holds the message: ingest it, then mark it stored or forget it.</summary>
    Taken,

    /// <summary>The message was stored before and its signature still verifies: a replay, to be answered without effect.</summary>
    Duplicate,

    /// <summary>Another request holds the message right now: the sender should try again shortly.</summary>
    InProgress,
}
