using Fieldlink.Core.Cases;

namespace Fieldlink.Server.Api.Cases;

/// <summary>
/// What a PATCH of a case may change. The status follows the case lifecycle (Active → Resolved or Canceled;
/// Resolved → Active); the alert and the number are the case's for good.
/// </summary>
public sealed record CaseWrite(
    string? Title,
    string? Description,
    CasePriority? Priority,
    CaseStatus? Status,
    Guid? AccountId,
    Guid? CustomerAssetId);
