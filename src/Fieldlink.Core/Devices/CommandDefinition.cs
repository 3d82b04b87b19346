namespace Fieldlink.Core.Devices;

/// <summary>A command a device category's devices understand, with the parameters it takes (the reference's command definition).</summary>
public sealed class CommandDefinition
{
    /// <summary>The command's name, unique in its category regardless of case (e.g. "Set Values").</summary>
    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<CommandParameter> Parameters { get; set; } = [];
}
