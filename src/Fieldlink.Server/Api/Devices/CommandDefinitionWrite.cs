namespace Fieldlink.Server.Api.Devices;

/// <summary>A command definition of a device category: its name (unique in the category regardless of case), description and parameters.</summary>
public sealed record CommandDefinitionWrite(string? Name, string? Description, IReadOnlyList<CommandParameterWrite?>? Parameters);
