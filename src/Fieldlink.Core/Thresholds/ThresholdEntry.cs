namespace Fieldlink.Core.Thresholds;

/// <summary>
/// What a process knows of one measure of one device: the state last stored, by it or (as of its last refresh)
/// by another process, and the timestamp of the reading that made it. Read and changed under <see cref="Gate"/>.
/// </summary>
internal sealed class ThresholdEntry
{
    public Lock Gate { get; } = new();

    /// <summary>The stored state; only set once it is committed, so a failed batch leaves it as it was.</summary>
    public ThresholdState State { get; set; }

    /// <summary>
    /// The timestamp of the reading that made <see cref="State"/>: a reading of that time or older cannot change it
    /// (the store refuses such a change too), so it is not checked.
    /// </summary>
    public DateTimeOffset StateAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Takes a stored state, unless what this process knows is newer.</summary>
    public void Store(ThresholdState state, DateTimeOffset at)
    {
        lock (Gate)
        {
            if (at >= StateAt)
            {
                State = state;
                StateAt = at;
            }
        }
    }
}
