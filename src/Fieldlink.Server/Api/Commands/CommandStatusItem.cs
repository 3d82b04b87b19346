using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Commands;

/// <summary>A command's outcome, as an http connector vendor reports it later through its state endpoint.</summary>
public sealed record CommandStatusItem(Guid? CommandId, CommandStatus? Status, JsonNode? Response, string? Error, DateTimeOffset? At);
