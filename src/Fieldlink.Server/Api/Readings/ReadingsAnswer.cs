using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Readings;

/// <summary>A device's readings in buckets: per measure, the buckets that hold readings, oldest first.</summary>
public sealed record ReadingsAnswer(
    Guid Device,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Interval,
    IReadOnlyDictionary<string, IReadOnlyList<ReadingBucket>> Measures);
