namespace Fieldlink.Core.Live;

/// <summary>
/// A record that was created or changed: its kind and id, and the device it concerns when it has one (an alert's or a
/// command's device), so a device's page can pick its own changes out of the feed.
/// </summary>
public readonly record struct RecordChange(RecordKind Kind, Guid Id, Guid? DeviceId);
