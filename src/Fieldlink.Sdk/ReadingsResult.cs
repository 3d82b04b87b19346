namespace Fieldlink.Sdk;

/// <summary>The answer to a <see cref="ReadingsQuery"/>.</summary>
/// <param name="Measures">Per measure, the buckets that hold readings, oldest first; a bucket without readings is left out.</param>
public sealed record ReadingsResult(IReadOnlyDictionary<string, IReadOnlyList<ReadingBucket>> Measures);
