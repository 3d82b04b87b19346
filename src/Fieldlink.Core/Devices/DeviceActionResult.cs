using Fieldlink.Core.Outcomes;

namespace Fieldlink.Core.Devices;

/// <summary>
/// What an action did for one device of a batch: the history record it wrote, why it failed, or both. Not an
/// <see cref="Outcome{T}"/>: an action that reached the provider and failed writes a history record and is refused
/// (a 502 naming the record's id), so the two are not either-or.
/// </summary>
public sealed record DeviceActionResult<THistory>(Guid DeviceId, THistory? History, Refusal? Refusal);
