using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Ingestion;

/// <summary>
/// The <c>webhook-id</c>s of the signed messages an http provider instance took while their signatures verify, kept
/// in the store so a replay is caught by every process. A message is claimed before it is ingested (two copies sent
/// at once: one wins, the other is told to come back), marked stored when its ingestion succeeds, and forgotten again
/// when it does not; a claim whose process died runs out, and the vendor's retry takes it over. So a message is
/// ingested once, and a crash or a store outage loses none.
/// </summary>
public sealed class ReceivedMessages(FieldlinkDbContext db, TimeProvider time)
{
    /// <summary>The longest <c>webhook-id</c> remembered; a longer one is refused.</summary>
    public const int MessageIdMaxLength = 200;

    /// <summary>How long a claim holds a message being ingested (one minute: far beyond any batch's store time).</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Claims message <paramref name="messageId"/> of <paramref name="providerInstanceId"/> for ingestion:
    /// <see cref="ReceivedMessageClaim.Taken"/> the first time (or when an earlier claim ran out),
    /// <see cref="ReceivedMessageClaim.Duplicate"/> when it was stored before and has not expired, and
    /// <see cref="ReceivedMessageClaim.InProgress"/> while another request holds it.
    /// </summary>
    public async Task<ReceivedMessageClaim> TakeAsync(Guid providerInstanceId, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var now = time.GetUtcNow();
        await db.Set<ReceivedMessage>().Where(m => m.ExpiresAt < now && (m.ClaimedUntil == null || m.ClaimedUntil < now)).ExecuteDeleteAsync(cancellationToken);

        var messages = db.Set<ReceivedMessage>();
        var claimedUntil = now + ClaimDuration;
        var message = new ReceivedMessage { ProviderInstanceId = providerInstanceId, MessageId = messageId, ReceivedAt = now, ExpiresAt = expiresAt, ClaimedUntil = claimedUntil };
        db.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ReceivedMessageClaim.Taken;
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            // Taken before: stored (a replay), held by a living request, or left by one that died or expired.
            var mine = messages.Where(m => m.ProviderInstanceId == providerInstanceId && m.MessageId == messageId);
            var takenOver = await mine.Where(m => m.ExpiresAt < now || (m.ClaimedUntil != null && m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, claimedUntil).SetProperty(m => m.ReceivedAt, now).SetProperty(m => m.ExpiresAt, expiresAt), cancellationToken);
            if (takenOver == 1)
            {
                return ReceivedMessageClaim.Taken;
            }

            var stored = await mine.AnyAsync(m => m.ClaimedUntil == null, cancellationToken);
            return stored ? ReceivedMessageClaim.Duplicate : ReceivedMessageClaim.InProgress;
        }
        finally
        {
            // Not tracked afterwards: the ingestion that follows saves with the same context.
            db.Entry(message).State = EntityState.Detached;
        }
    }

    /// <summary>Marks a message taken by <see cref="TakeAsync"/> stored: from now on the same message is a duplicate.</summary>
    public Task StoredAsync(Guid providerInstanceId, string messageId, CancellationToken cancellationToken) =>
        db.Set<ReceivedMessage>().Where(m => m.ProviderInstanceId == providerInstanceId && m.MessageId == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>Forgets a message taken by <see cref="TakeAsync"/> whose ingestion failed, so the vendor's retry is taken.</summary>
    public Task ForgetAsync(Guid providerInstanceId, string messageId, CancellationToken cancellationToken) =>
        db.Set<ReceivedMessage>().Where(m => m.ProviderInstanceId == providerInstanceId && m.MessageId == messageId).ExecuteDeleteAsync(cancellationToken);
}
