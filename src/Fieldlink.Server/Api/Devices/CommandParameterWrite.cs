using System.Text.Json.Nodes;
using Fieldlink.Core.Devices;

namespace Fieldlink.Server.Api.Devices;

/// <summary>
/// A parameter of a command definition: its name, type (default String), unit, whether it is required (default
/// false), editable (default true) and visible (default true), its default value, and the child parameters of an
/// Object parameter.
/// </summary>
public sealed record CommandParameterWrite(
    string? Name,
    ParameterType? Type,
    string? Unit = null,
    bool? Required = null,
    bool? Editable = null,
    bool? Visible = null,
    JsonNode? Default = null,
    IReadOnlyList<CommandParameterWrite?>? Parameters = null);
