using Fieldlink.Core.Actions;

namespace Fieldlink.Core.Devices;

/// <summary>What an action did for one device of a batch: the history record it wrote, or why it did nothing.</summary>
public sealed record DeviceActionResult<THistory>(Guid DeviceId, THistory? History, ActionError? Error);
