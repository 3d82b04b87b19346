using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Providers;

/// <summary>The writable fields of a provider instance.</summary>
public sealed record ProviderInstanceWrite(Guid? ProviderId, string? Name, string? InstanceId, string? Url, bool? Enabled, JsonObject? Settings);
