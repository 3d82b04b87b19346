using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Model;

/// <summary>A command definition as the category form edits it: its name, description and parameters.</summary>
public sealed class CommandDefinitionDraft
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<ParameterDraft> Parameters { get; init; } = [];

    public static CommandDefinitionDraft From(CommandDefinitionWrite command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new()
        {
            Name = command.Name,
            Description = command.Description,
            Parameters = [.. (command.Parameters ?? []).OfType<CommandParameterWrite>().Select(ParameterDraft.From)],
        };
    }

    public CommandDefinitionWrite ToWrite() => new(Name, Description, [.. Parameters.Select(p => p.ToWrite())]);
}
