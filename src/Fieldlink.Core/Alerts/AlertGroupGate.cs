namespace Fieldlink.Core.Alerts;

/// <summary>
/// This process's half of grouping's locks: batches for the same groups queue here, in memory, before they take a
/// database connection and the database's lock. Without it, a burst of alerts for one device would hold one
/// connection per waiting request and exhaust the server's connections. Stripes are taken in order, so batches
/// touching several groups cannot wait on each other in a circle.
/// </summary>
public sealed class AlertGroupGate : IDisposable
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> EnterAsync(IEnumerable<long> lockKeys, CancellationToken cancellationToken)
    {
        var stripes = lockKeys.Select(k => (int)((ulong)k % Stripes)).Distinct().Order().ToArray();
        var entered = 0;
        try
        {
            foreach (var stripe in stripes)
            {
                await _stripes[stripe].WaitAsync(cancellationToken);
                entered++;
            }
        }
        catch
        {
            Release(stripes, entered);
            throw;
        }

        return new Exit(this, stripes);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    private void Release(int[] stripes, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            _stripes[stripes[i]].Release();
        }
    }

    private sealed class Exit(AlertGroupGate gate, int[] stripes) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release(stripes, stripes.Length);
            }
        }
    }
}
