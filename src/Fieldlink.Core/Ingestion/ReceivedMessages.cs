using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Ingestion;

/// <summary>
/// The <c>webhook-id</c>s of the signed messages an http provider instance took while their signatures verify, kept
/// in the store so a replay is caught by every process. A message is taken before it is ingested (two copies sent at
/// once: one wins) and forgotten again when its ingestion does not succeed, so the vendor's retry is not lost.
/// </summary>
public sealed class ReceivedMessages(FieldlinkDbContext db, TimeProvider time)
{
    /// <summary>The longest <c>webhook-id</c> remembered; a longer one is refused.</summary>
    public const int MessageIdMaxLength = 200;

    /// <summary>
    /// Takes message <paramref name="messageId"/> of <paramref name="providerInstanceId"/>: true the first time, false
    /// when it was taken before and has not expired. Ids expired by now are forgotten on the way.
    /// </summary>
    public async Task<bool> TakeAsync(Guid providerInstanceId, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var now = time.GetUtcNow();
        await db.Set<ReceivedMessage>().Where(m => m.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);

        var message = new ReceivedMessage { ProviderInstanceId = providerInstanceId, MessageId = messageId, ReceivedAt = now, ExpiresAt = expiresAt };
        db.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            return false;
        }
        finally
        {
            // Not tracked afterwards: the ingestion that follows saves with the same context.
            db.Entry(message).State = EntityState.Detached;
        }
    }

    /// <summary>Forgets a message taken by <see cref="TakeAsync"/> whose ingestion failed, so the vendor's retry is taken.</summary>
    public Task ForgetAsync(Guid providerInstanceId, string messageId, CancellationToken cancellationToken) =>
        db.Set<ReceivedMessage>().Where(m => m.ProviderInstanceId == providerInstanceId && m.MessageId == messageId).ExecuteDeleteAsync(cancellationToken);
}
