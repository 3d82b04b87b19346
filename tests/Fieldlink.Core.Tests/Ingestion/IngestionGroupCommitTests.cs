using System.Collections.Concurrent;
using Fieldlink.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Tests.Ingestion;

/// <summary>
/// Group commit: requests that wait while batches are stored share the next batch, each is answered with its own
/// items' outcomes once that batch is stored, and a batch that fails is retried request by request so a failure stays
/// with its own request. The store is a fake that records its batches and can be held, so the order is certain.
/// </summary>
public sealed class IngestionGroupCommitTests
{
    private static readonly Guid Instance = Guid.NewGuid();

    [Fact]
    public async Task Requests_that_wait_share_one_batch_and_each_gets_the_outcomes_of_its_own_items()
    {
        var store = new FakeStore();
        var commit = store.GroupCommit();
        var held = Held(commit, store, IngestionGroupCommit<string>.MaxConcurrentBatches);

        var waiting = new[] { commit.IngestAsync(Instance, ["a1", "a2"], default), commit.IngestAsync(Instance, ["b1"], default), commit.IngestAsync(Instance, ["c1", "c2", "c3"], default) };
        await store.WaitForCallsAsync(held.Length);
        store.Release();
        await Task.WhenAll(held);
        var answers = await Task.WhenAll(waiting);

        Assert.Equal(["ok:a1", "ok:a2"], answers[0].Select(Name));
        Assert.Equal(["ok:b1"], answers[1].Select(Name));
        Assert.Equal(["ok:c1", "ok:c2", "ok:c3"], answers[2].Select(Name));
        Assert.Contains(store.Batches, b => b.SequenceEqual(["a1", "a2", "b1", "c1", "c2", "c3"]));
    }

    [Fact]
    public async Task Nothing_is_answered_before_its_batch_is_stored()
    {
        var store = new FakeStore();
        var commit = store.GroupCommit();
        var held = Held(commit, store, IngestionGroupCommit<string>.MaxConcurrentBatches);
        var waiting = commit.IngestAsync(Instance, ["late"], default);

        await store.WaitForCallsAsync(held.Length);
        await Task.Delay(50);

        Assert.All(held, t => Assert.False(t.IsCompleted));
        Assert.False(waiting.IsCompleted);
        store.Release();
        Assert.Equal(["ok:late"], (await waiting).Select(Name));
    }

    [Fact]
    public async Task A_batch_that_fails_is_stored_request_by_request_and_only_the_faulty_request_fails()
    {
        var store = new FakeStore();
        var commit = store.GroupCommit();
        var held = Held(commit, store, IngestionGroupCommit<string>.MaxConcurrentBatches);

        var good = commit.IngestAsync(Instance, ["g1"], default);
        var faulty = commit.IngestAsync(Instance, ["poison"], default);
        var other = commit.IngestAsync(Instance, ["o1", "o2"], default);
        await store.WaitForCallsAsync(held.Length);
        store.Release();

        Assert.Equal(["ok:g1"], (await good).Select(Name));
        Assert.Equal(["ok:o1", "ok:o2"], (await other).Select(Name));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => faulty);
        Assert.Contains("poison", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(store.Stored, s => s == "poison");
        Assert.Equal(["g1", "o1", "o2"], store.Stored.Where(s => s is "g1" or "o1" or "o2").Order());
    }

    [Fact]
    public async Task Requests_of_another_instance_go_in_a_batch_of_their_own()
    {
        var store = new FakeStore();
        var commit = store.GroupCommit();
        var held = Held(commit, store, IngestionGroupCommit<string>.MaxConcurrentBatches);
        var other = Guid.NewGuid();

        var first = commit.IngestAsync(Instance, ["x1"], default);
        var second = commit.IngestAsync(other, ["y1"], default);
        var third = commit.IngestAsync(Instance, ["x2"], default);
        await store.WaitForCallsAsync(held.Length);
        store.Release();
        await Task.WhenAll(first, second, third);

        Assert.Contains(store.Calls, c => c.Instance == Instance && c.Reports.SequenceEqual(["x1", "x2"]));
        Assert.Contains(store.Calls, c => c.Instance == other && c.Reports.SequenceEqual(["y1"]));
    }

    [Fact]
    public async Task A_request_whose_caller_gave_up_before_its_batch_is_not_stored()
    {
        var store = new FakeStore();
        var commit = store.GroupCommit();
        var held = Held(commit, store, IngestionGroupCommit<string>.MaxConcurrentBatches);
        using var gaveUp = new CancellationTokenSource();

        var abandoned = commit.IngestAsync(Instance, ["gone"], gaveUp.Token);
        var kept = commit.IngestAsync(Instance, ["kept"], default);
        await store.WaitForCallsAsync(held.Length);
        await gaveUp.CancelAsync();
        store.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(["ok:kept"], (await kept).Select(Name));
        Assert.DoesNotContain(store.Stored, s => s == "gone");
    }

    [Fact]
    public async Task A_large_request_is_stored_at_once_on_its_own()
    {
        var store = new FakeStore();
        var commit = store.GroupCommit();
        var held = Held(commit, store, IngestionGroupCommit<string>.MaxConcurrentBatches);
        var large = Enumerable.Range(0, IngestionGroupCommit<string>.MaxItemsToCombine + 1).Select(i => $"l{i}").ToArray();

        var answer = commit.IngestAsync(Instance, large, default);
        await store.WaitForCallsAsync(held.Length + 1);
        store.Release();

        Assert.Equal(large.Length, (await answer).Count);
        Assert.Contains(store.Calls, c => c.Reports.SequenceEqual(large));
    }

    /// <summary>Starts as many single-item requests as may run at once; the store holds each, so later requests wait.</summary>
    private static Task<IReadOnlyList<IngestionOutcome>>[] Held(IngestionGroupCommit<string> commit, FakeStore store, int count)
    {
        store.Hold();
        return [.. Enumerable.Range(0, count).Select(i => commit.IngestAsync(Instance, [$"held{i}"], default))];
    }

    private static string Name(IngestionOutcome outcome) => outcome.Errors!["item"][0];

    /// <summary>Stores strings: "poison" fails the whole call, as a failed commit would; every other report is stored.</summary>
    private sealed class FakeStore
    {
        private readonly ConcurrentQueue<(Guid Instance, string[] Reports)> _calls = new();
        private readonly ConcurrentQueue<string> _stored = new();
        private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<(Guid Instance, string[] Reports)> Calls => [.. _calls];

        public IReadOnlyList<string[]> Batches => [.. _calls.Select(c => c.Reports)];

        public IReadOnlyList<string> Stored => [.. _stored];

        public void Hold() => _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public async Task WaitForCallsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (_calls.Count < count)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        public IngestionGroupCommit<string> GroupCommit() =>
            new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), (_, instance, reports, ct) => StoreAsync(instance, reports, ct));

        private async Task<IReadOnlyList<IngestionOutcome>> StoreAsync(Guid instance, IReadOnlyList<string> reports, CancellationToken cancellationToken)
        {
            _calls.Enqueue((instance, [.. reports]));
            await _released.Task.WaitAsync(cancellationToken);
            if (reports.Contains("poison"))
            {
                throw new InvalidOperationException("The batch holding 'poison' did not commit.");
            }

            foreach (var report in reports)
            {
                _stored.Enqueue(report);
            }

            return [.. reports.Select(r => IngestionOutcome.Invalid("item", $"ok:{r}"))];
        }
    }
}
