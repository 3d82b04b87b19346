using Microsoft.Extensions.Logging;

namespace Fieldlink.Testing;

/// <summary>An error (or critical) entry a <see cref="TestLog"/> kept.</summary>
/// <param name="Sequence">Its place among every entry any test log kept, in order.</param>
/// <param name="Log">The log that kept it (and holds the expectations it is checked against).</param>
/// <param name="Test">The test that was running where it was logged (its code, or work it started), if known.</param>
public sealed record LoggedError(long Sequence, TestLog Log, RunningTest? Test, string Category, EventId EventId, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>Whether it was logged after the host began to stop.</summary>
    public bool WhileStopping { get; init; }

    /// <summary>Whether <paramref name="what"/> names this entry: its event id (number or name) or a part of its category.</summary>
    public bool Matches(string what) =>
        EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == what
        || (EventId.Name is { } name && name == what)
        || Category.Contains(what, StringComparison.Ordinal);

    public override string ToString() =>
        $"[{Level}] {Category}[{EventId.Id}]: {Message}{(Exception is null ? string.Empty : $"{Environment.NewLine}    {Exception.GetType().Name}: {Exception.Message}")}";
}
