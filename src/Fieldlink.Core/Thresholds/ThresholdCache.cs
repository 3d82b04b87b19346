using System.Collections.Concurrent;
using System.Collections.Frozen;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Thresholds;

/// <summary>
/// What threshold rules keep in memory, so a batch of telemetry that crosses nothing costs no database round trip:
/// every device category's thresholds, the state of each measure checked, and the state changes waiting to be retried.
/// Categories and the states other processes stored are read again every <see cref="ThresholdOptions.RefreshInterval"/>
/// (only the states changed since the last look), and at once when a batch names a category not seen yet. One per
/// process (a singleton); thread-safe.
/// </summary>
public sealed class ThresholdCache(IOptions<ThresholdOptions> options, TimeProvider time, ILogger<ThresholdCache> logger) : IDisposable
{
    /// <summary>
    /// How far back each refresh looks past the one before: states are stamped by the clock of the process that
    /// wrote them and become visible when their transaction commits, so the look-back covers clock skew and commit lag.
    /// </summary>
    private static readonly TimeSpan RefreshOverlap = TimeSpan.FromMinutes(1);

    /// <summary>The most state changes kept for a retry; beyond it the oldest are given up.</summary>
    private const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<(Guid DeviceRecordId, string Measure), ThresholdEntry> _states = new();
    private readonly ConcurrentBag<ThresholdScratch> _scratch = [];
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _pendingGate = new();
    private List<PendingTransition> _pending = [];
    private volatile CategoryRules? _rules;
    private DateTimeOffset? _statesChangedSince;

    /// <summary>
    /// The thresholds of each category by measure (categories without any, too, so that a category missing here is
    /// one created since the last refresh), read again when due or when <paramref name="categoryIds"/> names one missing.
    /// </summary>
    internal async ValueTask<FrozenDictionary<Guid, FrozenDictionary<string, ThresholdRule>>> RulesAsync(
        FieldlinkDbContext db, IReadOnlyCollection<Guid> categoryIds, CancellationToken cancellationToken)
    {
        var rules = _rules;
        if (rules is not null && !rules.IsDue(time.GetUtcNow()) && Knows(rules, categoryIds))
        {
            return rules.Categories;
        }

        // One refresh at a time. A batch that finds one under way goes on with the rules it has, unless it has none
        // or they lack one of its categories.
        var mustHave = rules is null || !Knows(rules, categoryIds);
        if (mustHave)
        {
            await _refreshing.WaitAsync(cancellationToken);
        }
        else if (!await _refreshing.WaitAsync(0, cancellationToken))
        {
            return rules!.Categories;
        }

        try
        {
            rules = _rules;
            if (rules is not null && !rules.IsDue(time.GetUtcNow()) && Knows(rules, categoryIds))
            {
                return rules.Categories;
            }

            try
            {
                rules = await LoadAsync(db, cancellationToken);
                _rules = rules;
            }
            catch (Exception ex) when (rules is not null && ex is not OperationCanceledException)
            {
                ThresholdLog.RefreshFailed(logger, ex);
            }

            return rules.Categories;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>What this process knows of the measure; Normal when nothing was ever stored for it.</summary>
    internal ThresholdEntry Entry(Guid deviceRecordId, string measure) =>
        _states.GetOrAdd((deviceRecordId, measure), static _ => new ThresholdEntry());

    /// <summary>Working lists for one batch's check (see <see cref="ThresholdScratch"/>); hand them back with <see cref="Return"/>.</summary>
    internal ThresholdScratch RentScratch() => _scratch.TryTake(out var scratch) ? scratch : new ThresholdScratch();

    /// <summary>Keeps <paramref name="scratch"/> for the next batch, emptied, unless it grew past what is worth keeping.</summary>
    internal void Return(ThresholdScratch scratch)
    {
        // At most one per concurrent batch is ever out, so the bag holds no more than the busiest moment needed.
        if (scratch.Reset())
        {
            _scratch.Add(scratch);
        }
    }

    /// <summary>Takes the state changes waiting for a retry; the caller applies them or hands them back.</summary>
    internal List<PendingTransition> TakePending()
    {
        lock (_pendingGate)
        {
            if (_pending.Count == 0)
            {
                return [];
            }

            var taken = _pending;
            _pending = [];
            return taken;
        }
    }

    /// <summary>Keeps state changes that could not be stored for a retry, giving up those retried too long.</summary>
    internal void KeepPending(IEnumerable<PendingTransition> failed)
    {
        var cutoff = time.GetUtcNow() - options.Value.RetryFor;
        List<PendingTransition> givenUp;
        lock (_pendingGate)
        {
            _pending.AddRange(failed);
            _pending.Sort((a, b) => a.Since.CompareTo(b.Since));
            var stale = _pending.FindIndex(p => p.Since >= cutoff);
            var drop = Math.Max(stale < 0 ? _pending.Count : stale, _pending.Count - MaxPending);
            givenUp = _pending[..drop];
            _pending.RemoveRange(0, drop);
        }

        if (givenUp.Count > 0)
        {
            var oldest = givenUp[0].Transition;
            ThresholdLog.GaveUp(logger, givenUp.Count, oldest.DeviceRecordId, oldest.Rule.Measure, oldest.At, options.Value.RetryFor);
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private static bool Knows(CategoryRules rules, IReadOnlyCollection<Guid> categoryIds)
    {
        foreach (var id in categoryIds)
        {
            if (!rules.Categories.ContainsKey(id))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<CategoryRules> LoadAsync(FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var categories = await db.DeviceCategories.AsNoTracking().ToListAsync(cancellationToken);

        // The first time, every measure that is not Normal (a measure with no row is Normal); then what changed.
        var states = db.ThresholdStates.AsNoTracking();
        states = _statesChangedSince is { } since
            ? states.Where(s => s.UpdatedAt >= since)
            : states.Where(s => s.State != ThresholdState.Normal);
        foreach (var row in await states.ToListAsync(cancellationToken))
        {
            Entry(row.DeviceRecordId, row.Measure).Store(row.State, row.At);
        }

        _statesChangedSince = started - RefreshOverlap;
        var rules = categories.ToFrozenDictionary(
            c => c.Id,
            c => c.Measures.Select(ThresholdRule.For).OfType<ThresholdRule>().DistinctBy(r => r.Measure, StringComparer.Ordinal).ToFrozenDictionary(r => r.Measure, StringComparer.Ordinal));
        return new CategoryRules(rules, started + options.Value.RefreshInterval);
    }

    private sealed record CategoryRules(FrozenDictionary<Guid, FrozenDictionary<string, ThresholdRule>> Categories, DateTimeOffset RefreshAt)
    {
        public bool IsDue(DateTimeOffset now) => now >= RefreshAt;
    }
}
