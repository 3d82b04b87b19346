using System.Text.Json.Nodes;

namespace Fieldlink.Server.Model;

/// <summary>A command the send-command form made: its name and parameters, checked and ready to send.</summary>
public sealed record CommandDraft(string Name, JsonObject Parameters);
