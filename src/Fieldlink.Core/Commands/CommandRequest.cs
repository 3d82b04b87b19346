using System.Text.Json.Nodes;

namespace Fieldlink.Core.Commands;

/// <summary>A command as a client asks for it.</summary>
/// <param name="Name">The command's name, e.g. "Set Values".</param>
/// <param name="Parameters">Its parameters; null for none.</param>
/// <param name="AlertId">The alert it answers, if any.</param>
/// <param name="ExpiresAt">When it stops being worth sending, if ever.</param>
/// <param name="IdempotencyKey">The client's key: the same key for the same device returns the same command.</param>
public sealed record CommandRequest(string Name, JsonObject? Parameters, Guid? AlertId, DateTimeOffset? ExpiresAt, string? IdempotencyKey);
