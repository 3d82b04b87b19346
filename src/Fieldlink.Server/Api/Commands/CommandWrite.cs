using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Commands;

/// <summary>The body of a command request.</summary>
public sealed record CommandWrite(string? Name, JsonObject? Parameters, Guid? AlertId, DateTimeOffset? ExpiresAt);
