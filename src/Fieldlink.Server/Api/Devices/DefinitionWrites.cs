using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Devices;

/// <summary>Checks and converts the command definitions and summary tiles of categories and devices, naming each field at fault.</summary>
public static class DefinitionWrites
{
    private const int MaxCommands = 100;
    private const int MaxParameters = 100;
    private const int MaxDepth = 5;

    public static void CheckCommands(IReadOnlyList<CommandDefinitionWrite?>? commands, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        commands ??= [];
        if (commands.Count > MaxCommands)
        {
            errors.Add("commands", $"A category has at most {MaxCommands} commands.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < commands.Count; i++)
        {
            var field = $"commands[{i}]";
            if (commands[i] is not { } command)
            {
                errors.Add(field, "A command must be an object with at least a name.");
                continue;
            }

            if (errors.Required($"{field}.name", command.Name, 200) is { } name && !names.Add(name.Trim()))
            {
                errors.Add($"{field}.name", $"The command '{name.Trim()}' is listed twice (names are compared regardless of case).");
            }

            errors.Optional($"{field}.description", command.Description, 2000);
            CheckParameters(command.Parameters, $"{field}.parameters", 1, errors);
        }
    }

    private static void CheckParameters(IReadOnlyList<CommandParameterWrite?>? parameters, string field, int depth, FieldErrors errors)
    {
        parameters ??= [];
        if (parameters.Count > MaxParameters)
        {
            errors.Add(field, $"A command or object parameter has at most {MaxParameters} parameters.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (parameters[i] is not { } parameter)
            {
                errors.Add(at, "A parameter must be an object with at least a name.");
                continue;
            }

            if (errors.Required($"{at}.name", parameter.Name, 100) is { } name && !names.Add(name.Trim()))
            {
                errors.Add($"{at}.name", $"The parameter '{name.Trim()}' is listed twice.");
            }

            errors.Optional($"{at}.unit", parameter.Unit, 50);
            var type = parameter.Type ?? ParameterType.String;
            if (type != ParameterType.Object && parameter.Parameters is { Count: > 0 })
            {
                errors.Add($"{at}.parameters", "Only an Object parameter has child parameters.");
            }

            if (parameter.Default is { } value && Core.Commands.CommandParametersCheck.TypeError(type, value) is { } wrong)
            {
                errors.Add($"{at}.default", $"The default is not a {type}: {wrong}");
            }

            if (type == ParameterType.Object && parameter.Default is not null)
            {
                errors.Add($"{at}.default", "An Object parameter has no default of its own; give its child parameters defaults.");
            }

            if (parameter is { Required: true, Visible: false } && parameter.Default is null)
            {
                errors.Add($"{at}.visible", "A required parameter the form hides needs a default, or no one could send the command.");
            }

            if (type == ParameterType.Object)
            {
                if (depth >= MaxDepth)
                {
                    errors.Add($"{at}.parameters", $"Object parameters nest at most {MaxDepth} deep.");
                }
                else
                {
                    CheckParameters(parameter.Parameters, $"{at}.parameters", depth + 1, errors);
                }
            }
        }
    }

    /// <summary>
    /// Checks tiles: at most six; a measure tile names a measure (one of <paramref name="measures"/> when the category
    /// declares any); an event tile names none and counts; a time range of 1 to 90.
    /// </summary>
    public static void CheckTiles(IReadOnlyList<TileWrite?>? tiles, IReadOnlyCollection<string> measures, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(errors);
        tiles ??= [];
        if (tiles.Count > SummaryTile.MaxPerDevice)
        {
            errors.Add($"tiles[{SummaryTile.MaxPerDevice}]", $"There are at most six tiles ({tiles.Count} given).");
        }

        var known = new HashSet<string>(measures, StringComparer.Ordinal);
        for (var i = 0; i < tiles.Count; i++)
        {
            var at = $"tiles[{i}]";
            if (tiles[i] is not { } tile)
            {
                errors.Add(at, "A tile must be an object with a source or measure and a time range.");
                continue;
            }

            var source = tile.Source ?? TileSource.Measure;
            if (source == TileSource.Measure)
            {
                if (errors.Required($"{at}.measure", tile.Measure, 100) is { } measure && known.Count > 0 && !known.Contains(measure.Trim()))
                {
                    errors.Add($"{at}.measure", $"The category has no measure '{measure.Trim()}' (it has {string.Join(", ", known.Order(StringComparer.Ordinal).Select(m => $"'{m}'"))}).");
                }
            }
            else
            {
                if (tile.Measure is not null)
                {
                    errors.Add($"{at}.measure", $"A tile of {source} counts events; it names no measure.");
                }

                if (tile.Aggregation is { } aggregation && aggregation != TileAggregation.Count)
                {
                    errors.Add($"{at}.aggregation", $"A tile of {source} counts them: its aggregation is Count.");
                }
            }

            if (tile.TimeRange is not { } range)
            {
                errors.Add($"{at}.timeRange", $"The timeRange field is required: 1 to {SummaryTile.MaxTimeRange} hours or days.");
            }
            else if (range is < 1 or > SummaryTile.MaxTimeRange)
            {
                errors.Add($"{at}.timeRange", $"The time range is 1 to {SummaryTile.MaxTimeRange} hours or days.");
            }
        }
    }

    public static List<CommandDefinition> ToCommands(IReadOnlyList<CommandDefinitionWrite?>? commands) =>
        (commands ?? []).OfType<CommandDefinitionWrite>()
            .Select(c => new CommandDefinition { Name = c.Name!.Trim(), Description = Text(c.Description), Parameters = ToParameters(c.Parameters) })
            .ToList();

    public static List<SummaryTile> ToTiles(IReadOnlyList<TileWrite?>? tiles) =>
        (tiles ?? []).OfType<TileWrite>()
            .Select((t, i) =>
            {
                var source = t.Source ?? TileSource.Measure;
                return new SummaryTile
                {
                    Source = source,
                    Measure = source == TileSource.Measure ? t.Measure!.Trim() : null,
                    Aggregation = source == TileSource.Measure ? t.Aggregation ?? TileAggregation.Average : TileAggregation.Count,
                    TimeRange = t.TimeRange!.Value,
                    TimeUnit = t.TimeUnit ?? TileTimeUnit.Days,
                    Position = t.Position ?? i,
                };
            })
            .ToList();

    public static List<CommandDefinitionWrite?> FromCommands(IEnumerable<CommandDefinition> commands) =>
        [.. commands.Select(c => new CommandDefinitionWrite(c.Name, c.Description, FromParameters(c.Parameters)))];

    public static List<TileWrite?> FromTiles(IEnumerable<SummaryTile> tiles) =>
        [.. tiles.Select(t => new TileWrite(t.Source, t.Measure, t.Aggregation, t.TimeRange, t.TimeUnit, t.Position))];

    private static List<CommandParameter> ToParameters(IReadOnlyList<CommandParameterWrite?>? parameters) =>
        (parameters ?? []).OfType<CommandParameterWrite>()
            .Select(p => new CommandParameter
            {
                Name = p.Name!.Trim(),
                Type = p.Type ?? ParameterType.String,
                Unit = Text(p.Unit),
                Required = p.Required ?? false,
                Editable = p.Editable ?? true,
                Visible = p.Visible ?? true,
                Default = p.Default?.DeepClone(),
                Parameters = p.Type == ParameterType.Object ? ToParameters(p.Parameters) : [],
            })
            .ToList();

    private static List<CommandParameterWrite?> FromParameters(IEnumerable<CommandParameter> parameters) =>
        [.. parameters.Select(p => new CommandParameterWrite(p.Name, p.Type, p.Unit, p.Required, p.Editable, p.Visible, p.Default?.DeepClone(), FromParameters(p.Parameters)))];

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
