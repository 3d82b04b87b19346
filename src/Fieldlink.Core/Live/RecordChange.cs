namespace Fieldlink.Core.Live;

/// <summary>
/// A record that was created or changed: its kind and id, and the device it concerns when it has one and the writer
/// knew it (an alert's or a command's device), so a device's page can pick its own changes out of the feed.
/// </summary>
/// <remarks>
/// An <see cref="Id"/> of <see cref="Guid.Empty"/> says "some records of this kind changed" (<see cref="IsAny"/>): a
/// batch too large to name every id, a set-based write that did not read its ids, or the feed resuming after it may
/// have missed changes. With a <see cref="DeviceId"/> it is limited to that device's records; without one it may be
/// any. A watcher reloads what it shows of the kind.
/// </remarks>
public readonly record struct RecordChange(RecordKind Kind, Guid Id, Guid? DeviceId)
{
    /// <summary>Some records of <paramref name="kind"/> changed, of <paramref name="deviceId"/> when given, of any device when null.</summary>
    public static RecordChange Any(RecordKind kind, Guid? deviceId = null) => new(kind, Guid.Empty, deviceId);

    /// <summary>Whether this stands for some records of its kind rather than one (see the remarks).</summary>
    public bool IsAny => Id == Guid.Empty;
}
