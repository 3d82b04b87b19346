using Fieldlink.Core.Data;

namespace Fieldlink.Core.Assets;

/// <summary>A customer of the field service company.</summary>
public sealed class Account : Entity
{
    public required string Name { get; set; }

    public string? AccountNumber { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }
}
