namespace Fieldlink.Core.Ingestion;

/// <summary>
/// A signed message a vendor sent to an http provider instance, remembered by its <c>webhook-id</c> for as long as
/// its signature verifies, so the same message sent again is taken once (see <see cref="ReceivedMessages"/>).
/// </summary>
public sealed class ReceivedMessage
{
    public Guid ProviderInstanceId { get; set; }

    /// <summary>The message's <c>webhook-id</c>, as the vendor sent it.</summary>
    public required string MessageId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When its signature stops verifying (its timestamp plus the tolerance); after that it can be forgotten.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>
    /// While the message is being ingested, until when its taker holds it; null once it is stored. A claim that runs
    /// out (its process died) may be taken over by the vendor's retry, so a crash loses nothing.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
