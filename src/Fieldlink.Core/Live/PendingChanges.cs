using System.Data.Common;

namespace Fieldlink.Core.Live;

/// <summary>
/// The changes a <c>FieldlinkDbContext</c> wrote and has not yet announced: those of its open transaction, announced
/// when it commits and dropped when it rolls back, and those written outside one (a SaveChanges or a set-based write
/// that commits by itself), announced as soon as that write returns. Changes of a transaction that ended without
/// either (disposed uncommitted) are dropped when the next one starts collecting. Not thread-safe, like the context.
/// </summary>
internal sealed class PendingChanges
{
    private readonly ChangeSet _transactional = new();
    private readonly ChangeSet _loose = new();
    private DbTransaction? _transaction;
    private IReadOnlyList<RecordChange> _committing = [];

    public void Add(DbTransaction? transaction, RecordChange change) => For(transaction).Add(change);

    public void AddRange(DbTransaction? transaction, IEnumerable<RecordChange> changes) => For(transaction).AddRange(changes);

    /// <summary>What <paramref name="transaction"/>'s commit announces (with what its SaveChanges collected before it began).</summary>
    public IReadOnlyList<RecordChange> TakeCommitting(DbTransaction transaction)
    {
        var mine = ReferenceEquals(transaction, _transaction) && !_transactional.IsEmpty;
        if (!mine && _loose.IsEmpty)
        {
            _committing = [];
            return _committing;
        }

        var all = new ChangeSet();
        if (mine)
        {
            all.AddRange(_transactional);
        }

        all.AddRange(_loose);
        _transactional.Clear();
        _loose.Clear();
        _transaction = null;
        _committing = all.ToList();
        return _committing;
    }

    /// <summary>What the commit that just succeeded announced, to publish in process.</summary>
    public IReadOnlyList<RecordChange> TakeCommitted()
    {
        var committed = _committing;
        _committing = [];
        return committed;
    }

    /// <summary>What was written outside a transaction and has been committed by now.</summary>
    public IReadOnlyList<RecordChange> TakeLoose()
    {
        if (_loose.IsEmpty)
        {
            return [];
        }

        var loose = _loose.ToList();
        _loose.Clear();
        return loose;
    }

    /// <summary>Forgets what <paramref name="transaction"/> (null: a write outside one) collected: it was not committed.</summary>
    public void Drop(DbTransaction? transaction)
    {
        if (transaction is null || ReferenceEquals(transaction, _transaction))
        {
            _transactional.Clear();
            _transaction = null;
        }

        _loose.Clear();
        _committing = [];
    }

    private ChangeSet For(DbTransaction? transaction)
    {
        if (transaction is null)
        {
            return _loose;
        }

        if (!ReferenceEquals(transaction, _transaction))
        {
            _transactional.Clear();
            _transaction = transaction;
        }

        return _transactional;
    }
}
