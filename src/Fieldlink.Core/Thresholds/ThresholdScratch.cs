namespace Fieldlink.Core.Thresholds;

/// <summary>
/// The working lists of one batch's threshold check, kept by <see cref="ThresholdCache"/> for the next batch instead of
/// made anew: a batch of 5,000 readings made about a megabyte of them, in arrays large enough to go straight to the
/// large object heap, whose collections cost the telemetry path more than the check itself. Used by one batch at a time.
/// </summary>
internal sealed class ThresholdScratch
{
    /// <summary>Beyond this many readings a batch's lists are not kept, so one huge batch does not pin its memory for good.</summary>
    public const int MaxKeptReadings = 50_000;

    /// <summary>The readings to check, in arrival order.</summary>
    public List<ThresholdCheck> Checks { get; } = [];

    /// <summary>For each check, the index of the next check of the same measure of the same device, or -1.</summary>
    public List<int> Next { get; } = [];

    /// <summary>The first and last check of each measure of each device.</summary>
    public Dictionary<(Guid DeviceRecordId, string Measure), (int First, int Last)> Chains { get; } = [];

    /// <summary>One chain's checks, sorted.</summary>
    public List<ThresholdCheck> Group { get; } = [];

    /// <summary>Empties the lists, keeping what they have grown to, unless that is past <see cref="MaxKeptReadings"/>.</summary>
    public bool Reset()
    {
        if (Checks.Capacity > MaxKeptReadings)
        {
            return false;
        }

        Checks.Clear();
        Next.Clear();
        Chains.Clear();
        Group.Clear();
        return true;
    }
}
