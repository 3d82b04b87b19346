using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Readings;

/// <summary>A device's events by series name (e.g. "Commands"), oldest first.</summary>
public sealed record EventsAnswer(Guid Device, DateTimeOffset From, DateTimeOffset To, IReadOnlyDictionary<string, IReadOnlyList<DeviceEvent>> Series);
