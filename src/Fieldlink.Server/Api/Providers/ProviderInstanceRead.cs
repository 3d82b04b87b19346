using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Providers;

/// <summary>A provider instance as the API shows it: its settings without the secret ones.</summary>
public sealed record ProviderInstanceRead(
    Guid Id,
    Guid ProviderId,
    string Name,
    string? InstanceId,
    string? Url,
    bool Enabled,
    JsonObject Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
