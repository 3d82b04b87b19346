namespace Fieldlink.Bench.Commands;

/// <summary>
/// What the runtime did in this process over a run, beside its latencies: the collections by generation and the time
/// the program was paused for them, and the methods the JIT compiled. A latency tail that comes with pauses or with
/// compiling (a run that still warms up) reads differently from one that comes with neither.
/// </summary>
public readonly record struct RuntimeActivity(long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Compiled)
{
    // Precise: the imprecise count leaves out what threads have allocated in their current allocation contexts and
    // printed 0.0 KB a command for some runs of 5,000 commands.
    public static RuntimeActivity Now() => new(
        GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        System.Runtime.JitInfo.GetCompiledMethodCount());

    public static RuntimeActivity operator -(RuntimeActivity after, RuntimeActivity before) => new(
        after.Allocated - before.Allocated,
        after.Gen0 - before.Gen0,
        after.Gen1 - before.Gen1,
        after.Gen2 - before.Gen2,
        after.Paused - before.Paused,
        after.Compiled - before.Compiled);

    /// <summary>
    /// The difference of two readings, in words, the allocations per <paramref name="operations"/> (a collection of
    /// generation 1 counts in generation 0's too, as the runtime counts them).
    /// </summary>
    public string Describe(int operations) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Allocated / 1024.0 / Math.Max(1, operations):F1} KB allocated a command; collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}, paused {Paused.TotalMilliseconds:F0} ms in all; {Compiled} methods compiled");
}
