using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Ingestion;

/// <summary>
/// Group commit for small ingestion requests: vendors post a few items per request from many clients at once, and a
/// transaction per request spends its time on round trips and the commit's sync to disk rather than on the items.
/// While <see cref="MaxConcurrentBatches"/> batches are being stored, further small requests of the same kind wait;
/// when a batch is done, all that waited for one provider instance go in the next one (up to
/// <see cref="MaxItemsPerBatch"/> items) and share its transaction. A request with nothing in flight ahead of it goes
/// at once, so a quiet server adds no latency.
/// </summary>
/// <remarks>
/// <para>
/// Every request is answered with the outcomes of its own items, in its order, and only once the batch that holds them
/// is committed: the batch is stored by the one ingestion path (<c>TelemetryIngestion</c>, <c>AlertIngestion</c>),
/// which returns only after its commit, and this class adds no acknowledgement of its own. An invalid item is an
/// outcome of its own, as alone. If a shared batch fails as a whole (an exception, a failed commit), nothing of it was
/// stored, and each of its requests is tried once more alone: the one that fails again fails only itself.
/// </para>
/// <para>
/// Larger requests (over <see cref="MaxItemsToCombine"/> items) are stored at once on their own, as before: they fill
/// a transaction by themselves. One instance per kind of report (a singleton); thread-safe.
/// </para>
/// </remarks>
/// <typeparam name="TReport">The report type of the kind of ingestion (telemetry, alerts).</typeparam>
public sealed class IngestionGroupCommit<TReport>
{
    /// <summary>The largest request that waits for a shared batch; larger ones fill a transaction of their own.</summary>
    public const int MaxItemsToCombine = 100;

    /// <summary>The most items one shared batch holds, as one request may (<see cref="IngestionLimits.MaxItemsPerRequest"/>).</summary>
    public const int MaxItemsPerBatch = IngestionLimits.MaxItemsPerRequest;

    /// <summary>
    /// How many shared batches are stored at once. Two: while one commits, the next is written, without taking a
    /// connection per waiting request.
    /// </summary>
    public const int MaxConcurrentBatches = 2;

    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> _ingest;
    private readonly Lock _gate = new();
    private readonly List<Pending> _waiting = [];
    private int _running;

    /// <param name="scopes">Each batch is stored in a scope of its own (its own DbContext).</param>
    /// <param name="ingest">Stores a batch with the scope's services and returns one outcome per report once committed.</param>
    public IngestionGroupCommit(IServiceScopeFactory scopes, Func<IServiceProvider, Guid, IReadOnlyList<TReport>, CancellationToken, Task<IReadOnlyList<IngestionOutcome>>> ingest)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(ingest);
        _scopes = scopes;
        _ingest = ingest;
    }

    /// <summary>
    /// Stores the reports, alone or with other requests' in one transaction, and returns one outcome per report, in
    /// order, once they are committed. Throws what storing them alone threw.
    /// </summary>
    /// <param name="providerInstanceId">The provider instance the reports came through.</param>
    /// <param name="reports">The request's reports.</param>
    /// <param name="cancellationToken">
    /// Stops waiting. A request cancelled before its batch starts is not stored; once started, the batch (others'
    /// items with it) is stored whatever happens to this request.
    /// </param>
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAsync(Guid providerInstanceId, IReadOnlyList<TReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count > MaxItemsToCombine)
        {
            return await IngestAloneAsync(providerInstanceId, reports, cancellationToken);
        }

        var request = new Pending(providerInstanceId, reports, cancellationToken);
        bool lead;
        lock (_gate)
        {
            lead = _running < MaxConcurrentBatches;
            if (lead)
            {
                _running++;
            }
            else
            {
                _waiting.Add(request);
            }
        }

        if (lead)
        {
            // This request's batch first, answered as soon as it commits; whoever waited meanwhile is served after,
            // apart from this request's response.
            await StoreAsync([request]);
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return await request.Outcomes.Task.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<IngestionOutcome>> IngestAloneAsync(Guid providerInstanceId, IReadOnlyList<TReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await _ingest(scope.ServiceProvider, providerInstanceId, reports, cancellationToken);
    }

    /// <summary>Stores batches of what waits until nothing does, then gives up its place.</summary>
    private async Task DrainAsync()
    {
        while (NextBatch() is { } batch)
        {
            await StoreAsync(batch);
        }
    }

    /// <summary>
    /// The waiting requests of the first one's instance, in arrival order, up to <see cref="MaxItemsPerBatch"/> items;
    /// null (and one batch fewer running) when nothing waits. Requests whose callers stopped waiting are dropped unstored.
    /// </summary>
    private List<Pending>? NextBatch()
    {
        lock (_gate)
        {
            _waiting.RemoveAll(p => p.Abandoned());
            if (_waiting.Count == 0)
            {
                _running--;
                return null;
            }

            var instance = _waiting[0].ProviderInstanceId;
            var batch = new List<Pending>();
            var items = 0;
            for (var i = 0; i < _waiting.Count; i++)
            {
                var pending = _waiting[i];
                if (pending.ProviderInstanceId == instance && items + pending.Reports.Count <= MaxItemsPerBatch)
                {
                    batch.Add(pending);
                    items += pending.Reports.Count;
                }
            }

            _waiting.RemoveAll(batch.Contains);
            return batch;
        }
    }

    /// <summary>
    /// Stores the batch in one call of the ingestion path and hands each request its outcomes; if the batch fails as a
    /// whole, each request is stored alone so a failure stays with its own request. Never throws.
    /// </summary>
    private async Task StoreAsync(List<Pending> batch)
    {
        if (batch.Count == 1)
        {
            await StoreAloneAsync(batch[0]);
            return;
        }

        var reports = new List<TReport>(batch.Sum(p => p.Reports.Count));
        foreach (var pending in batch)
        {
            reports.AddRange(pending.Reports);
        }

        IReadOnlyList<IngestionOutcome> outcomes;
        try
        {
            outcomes = await IngestAloneAsync(batch[0].ProviderInstanceId, reports, CancellationToken.None);
        }
        catch (Exception)
        {
            // Nothing of the batch was committed: each request alone, so only the one at fault fails.
            foreach (var pending in batch)
            {
                await StoreAloneAsync(pending);
            }

            return;
        }

        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Outcomes.TrySetResult([.. outcomes.Skip(offset).Take(pending.Reports.Count)]);
            offset += pending.Reports.Count;
        }
    }

    private async Task StoreAloneAsync(Pending pending)
    {
        try
        {
            pending.Outcomes.TrySetResult(await IngestAloneAsync(pending.ProviderInstanceId, pending.Reports, pending.CancellationToken));
        }
        catch (OperationCanceledException) when (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Outcomes.TrySetCanceled(pending.CancellationToken);
        }
        catch (Exception ex)
        {
            pending.Outcomes.TrySetException(ex);
        }
    }

    private sealed class Pending(Guid providerInstanceId, IReadOnlyList<TReport> reports, CancellationToken cancellationToken)
    {
        public Guid ProviderInstanceId { get; } = providerInstanceId;

        public IReadOnlyList<TReport> Reports { get; } = reports;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<IReadOnlyList<IngestionOutcome>> Outcomes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Abandoned()
        {
            if (!CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            Outcomes.TrySetCanceled(CancellationToken);
            return true;
        }
    }
}
