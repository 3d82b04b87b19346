using System.Data.Common;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Fieldlink.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fieldlink.Core.Data;

/// <summary>
/// The store's part in live pages: every write of a watched record (an alert, a command, a device, a case, a work
/// order, a provider instance, a provider, an API key, the settings) is announced once after its commit. SaveChanges notes what it writes by itself; a set-based write (bulk SQL,
/// <c>ExecuteUpdate</c>) names what it wrote with <see cref="ChangedAsync"/>. At the commit (<see cref="CommitInterceptor"/>)
/// the changes go to the other processes in the transaction (<see cref="ChangeNotices"/>) and, once committed, to this
/// process's pages (<see cref="LiveChanges"/>). A context made without <see cref="LiveChanges"/> announces nothing.
/// </summary>
public abstract partial class FieldlinkDbContext
{
    /// <summary>Where committed changes go; null for a context made outside the server (a tool, a test), which announces nothing.</summary>
    internal LiveChanges? Live { get; }

    internal PendingChanges PendingLive { get; } = new();

    /// <summary>How this database tells other processes of committed changes (see <see cref="Live.ChangeNotices"/>). Default: it does not.</summary>
    public virtual ChangeNotices ChangeNotices => ChangeNotices.None;

    /// <summary>
    /// Notes records changed by a write SaveChanges did not make (bulk SQL, <c>ExecuteUpdate</c>): inside a transaction
    /// they are announced when it commits; outside one, where the write has committed already, now.
    /// </summary>
    public async ValueTask ChangedAsync(IEnumerable<RecordChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (Live is null)
        {
            return;
        }

        var transaction = Database.CurrentTransaction?.GetDbTransaction();
        PendingLive.AddRange(transaction, changes);
        if (transaction is null)
        {
            await AnnounceLooseLiveAsync(cancellationToken);
        }
    }

    /// <summary>The change a SaveChanges of <paramref name="entity"/> makes that pages watch, if any (readings are not written by SaveChanges: ReadingsWriter names its batches' devices).</summary>
    private static RecordChange? LiveChangeOf(Entity entity) => entity switch
    {
        Alert alert => new RecordChange(RecordKind.Alert, alert.Id, alert.DeviceRecordId),
        Command command => new RecordChange(RecordKind.Command, command.Id, command.DeviceRecordId),
        Device device => new RecordChange(RecordKind.Device, device.Id, device.Id),

        // A registration or a data pull is part of its device's page.
        RegistrationHistory history => new RecordChange(RecordKind.Device, history.DeviceRecordId, history.DeviceRecordId),
        DeviceDataHistory history => new RecordChange(RecordKind.Device, history.DeviceRecordId, history.DeviceRecordId),
        Case @case => new RecordChange(RecordKind.Case, @case.Id, null),
        WorkOrder order => new RecordChange(RecordKind.WorkOrder, order.Id, null),

        // The connectors' host of every process reopens or closes it at once.
        ProviderInstance instance => new RecordChange(RecordKind.ProviderInstance, instance.Id, null),
        Provider provider => new RecordChange(RecordKind.Provider, provider.Id, null),
        ApiKey key => new RecordChange(RecordKind.ApiKey, key.Id, null),
        IoTSettings settings => new RecordChange(RecordKind.Settings, settings.Id, null),
        _ => null,
    };

    internal void CommittingLive(DbTransaction transaction)
    {
        if (Live is null)
        {
            return;
        }

        using var command = NoticeCommand(transaction.Connection!, PendingLive.TakeCommitting(transaction));
        if (command is not null)
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
    }

    internal async ValueTask CommittingLiveAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Live is null)
        {
            return;
        }

        await using var command = NoticeCommand(transaction.Connection!, PendingLive.TakeCommitting(transaction));
        if (command is not null)
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal void CommittedLive() => Live?.Committed(PendingLive.TakeCommitted());

    internal void DroppedLive(DbTransaction transaction) => PendingLive.Drop(transaction);

    private void DroppedLooseLive()
    {
        if (Database.CurrentTransaction is null)
        {
            PendingLive.Drop(null);
        }
    }

    /// <summary>Announces what a write outside a transaction committed (nothing when a transaction is open: its commit will).</summary>
    private void AnnounceLooseLive()
    {
        if (Live is null || Database.CurrentTransaction is not null)
        {
            return;
        }

        var changes = PendingLive.TakeLoose();
        if (changes.Count == 0)
        {
            return;
        }

        // The write has committed: this process's pages hear of it first, without waiting for the notice's round
        // trip, and still hear of it if the notice to the other processes fails. While the server runs, the notice
        // goes from its queue, off the writer's path (LooseNotices).
        Live.Committed(changes);
        if (!ChangeNotices.Sends || Live.Notices?.TryQueue(changes) == true)
        {
            return;
        }

        using var command = NoticeCommand(Database.GetDbConnection(), changes);
        if (command is not null)
        {
            Database.OpenConnection();
            try
            {
                command.ExecuteNonQuery();
            }
            finally
            {
                Database.CloseConnection();
            }
        }
    }

    private async ValueTask AnnounceLooseLiveAsync(CancellationToken cancellationToken)
    {
        if (Live is null || Database.CurrentTransaction is not null)
        {
            return;
        }

        var changes = PendingLive.TakeLoose();
        if (changes.Count == 0)
        {
            return;
        }

        // As in AnnounceLooseLive: this process's pages first, then the other processes.
        Live.Committed(changes);
        if (!ChangeNotices.Sends || Live.Notices?.TryQueue(changes) == true)
        {
            return;
        }

        await using var command = NoticeCommand(Database.GetDbConnection(), changes);
        if (command is not null)
        {
            await Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                await Database.CloseConnectionAsync();
            }
        }
    }

    private DbCommand? NoticeCommand(DbConnection connection, IReadOnlyList<RecordChange> changes) =>
        changes.Count == 0 || !ChangeNotices.Sends ? null : ChangeNotices.Command(connection, Live!.Payloads(changes));
}
