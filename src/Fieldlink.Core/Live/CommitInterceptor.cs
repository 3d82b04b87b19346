using System.Data.Common;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fieldlink.Core.Live;

/// <summary>
/// The one place where a <see cref="FieldlinkDbContext"/>'s committed changes are announced: as a transaction commits,
/// its notices go out in it (delivered only if it commits); once committed, its changes are published in process;
/// rolled back or failed, they are forgotten. Covers explicit transactions and those EF Core opens for a SaveChanges.
/// </summary>
internal sealed class CommitInterceptor : DbTransactionInterceptor
{
    public static CommitInterceptor Instance { get; } = new();

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        (eventData?.Context as FieldlinkDbContext)?.CommittingLive(transaction);
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is FieldlinkDbContext db)
        {
            await db.CommittingLiveAsync(transaction, cancellationToken);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData?.Context as FieldlinkDbContext)?.CommittedLive();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData?.Context as FieldlinkDbContext)?.CommittedLive();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData?.Context as FieldlinkDbContext)?.DroppedLive(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData?.Context as FieldlinkDbContext)?.DroppedLive(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        (eventData?.Context as FieldlinkDbContext)?.DroppedLive(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData?.Context as FieldlinkDbContext)?.DroppedLive(transaction);
        return Task.CompletedTask;
    }
}
