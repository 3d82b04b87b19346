using Fieldlink.Core.Cases;

namespace Fieldlink.Server.Api.Cases;

/// <summary>A case as the API shows it.</summary>
public sealed record CaseRead(
    Guid Id,
    string Number,
    string Title,
    string? Description,
    CaseStatus Status,
    CasePriority Priority,
    Guid AlertId,
    Guid? AccountId,
    Guid? CustomerAssetId,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CaseRead From(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Number, c.Title, c.Description, c.Status, c.Priority, c.AlertId, c.AccountId, c.CustomerAssetId,
            c.ResolvedAt, c.CanceledAt, c.CreatedAt, c.UpdatedAt);
    }
}
