using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>A device's current state, as a pull returns it.</summary>
/// <param name="Id">Fieldlink's id of the device (<see cref="DeviceRef.Id"/>).</param>
/// <param name="Status">Whether the system knows the device and has it enabled.</param>
/// <param name="ConnectionState">Whether the device is connected, if known.</param>
/// <param name="ConnectionStateChangedAt">When the connection state last changed, if known.</param>
/// <param name="ReportedProperties">The properties the device last reported, e.g. <c>{"temperature": 65.6}</c>.</param>
/// <param name="LastActivityAt">When the device was last heard from, if known.</param>
/// <param name="Message">What the system said, e.g. why the device was not found.</param>
public sealed record DeviceData(
    Guid Id,
    DeviceDataStatus Status,
    ConnectionState? ConnectionState,
    DateTimeOffset? ConnectionStateChangedAt,
    JsonObject? ReportedProperties,
    DateTimeOffset? LastActivityAt,
    string? Message = null);
