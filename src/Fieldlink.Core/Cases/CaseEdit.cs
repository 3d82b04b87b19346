namespace Fieldlink.Core.Cases;

/// <summary>
/// The new values of a case's editable fields, as a merge patch left them; <see cref="Status"/> only when the patch
/// names it, so an edit of the title never undoes a status change made meanwhile.
/// </summary>
public sealed record CaseEdit(string Title, string? Description, CasePriority Priority, Guid? AccountId, Guid? CustomerAssetId, CaseStatus? Status);
