using System.Globalization;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// How long the fuzz runs, from the environment. CI runs the defaults: a fixed seed and a budget that keeps each store
/// under about two minutes. A release runs longer, e.g.
/// <c>FIELDLINK_FUZZ_ITERATIONS=2000 FIELDLINK_FUZZ_SEED=$RANDOM ./test.sh --filter FullyQualifiedName~Fuzz</c>
/// (docs/testing.md).
/// </summary>
public static class FuzzBudget
{
    /// <summary>Requests generated per route: <c>FIELDLINK_FUZZ_ITERATIONS</c>, default 25.</summary>
    public static int Iterations { get; } = Number("FIELDLINK_FUZZ_ITERATIONS", 25);

    /// <summary>The seed every route's requests are drawn from: <c>FIELDLINK_FUZZ_SEED</c>, default 9 (the issue).</summary>
    public static ulong Seed { get; } = (ulong)Number("FIELDLINK_FUZZ_SEED", 9);

    /// <summary>How many more requests shrinking may draw once a route failed: <c>FIELDLINK_FUZZ_SHRINK</c>, default 150.</summary>
    public static int ShrinkIterations { get; } = Number("FIELDLINK_FUZZ_SHRINK", 150);

    /// <summary>One request to replay, as a failure printed it (<c>FIELDLINK_FUZZ_REPLAY=route-seed</c>); none by default.</summary>
    public static string? Replay { get; } = Environment.GetEnvironmentVariable("FIELDLINK_FUZZ_REPLAY") is { Length: > 0 } replay ? replay : null;

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
