using System.Text.Json.Nodes;

namespace Fieldlink.Core.Devices;

/// <summary>A parameter of a <see cref="CommandDefinition"/>: a property of the command's <c>Parameters</c> object.</summary>
public sealed class CommandParameter
{
    public required string Name { get; set; }

    public ParameterType Type { get; set; } = ParameterType.String;

    public string? Unit { get; set; }

    /// <summary>Whether a command must carry it. Default false.</summary>
    public bool Required { get; set; }

    /// <summary>Whether a sender may choose its value; when false, a value given must equal <see cref="Default"/>. Default true.</summary>
    public bool Editable { get; set; } = true;

    /// <summary>Whether the send-command form shows it. Default true.</summary>
    public bool Visible { get; set; } = true;

    /// <summary>The value the form starts with (and the only one a non-editable parameter may carry); null for none.</summary>
    public JsonNode? Default { get; set; }

    /// <summary>The child parameters of an <see cref="ParameterType.Object"/> parameter; empty for the other types.</summary>
    public List<CommandParameter> Parameters { get; set; } = [];
}
