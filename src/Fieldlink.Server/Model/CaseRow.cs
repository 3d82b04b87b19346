using Fieldlink.Core.Cases;

namespace Fieldlink.Server.Model;

/// <summary>One row of the cases list, with the names of the alert, device, account and customer asset it refers to.</summary>
public sealed record CaseRow(
    Guid Id,
    string Number,
    string Title,
    CaseStatus Status,
    CasePriority Priority,
    Guid AlertId,
    string? Alert,
    Guid? DeviceRecordId,
    string? Device,
    string? Account,
    Guid? CustomerAssetId,
    string? CustomerAsset,
    DateTimeOffset CreatedAt);
