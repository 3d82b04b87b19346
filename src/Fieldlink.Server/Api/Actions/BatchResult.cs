namespace Fieldlink.Server.Api.Actions;

/// <summary>What a batch action did for one device: its history record, or why it did nothing.</summary>
public sealed record BatchResult<TRecord>(Guid DeviceRecordId, bool Succeeded, TRecord? Record, ActionErrorKind? ErrorKind, string? Error);
