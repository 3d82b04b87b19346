namespace Fieldlink.Server.Cli;

/// <summary>
/// The arguments the command line leaves to the configuration, as for any ASP.NET Core host (<c>--Key=value</c>,
/// <c>--Key value</c>, <c>/Key value</c>, <c>Key=value</c>), read the way the configuration's command-line source reads
/// them. What that source would silently drop (a bare word such as a mistyped command, a single-dash switch, an
/// option without its value) is a mistake to report, not to ignore.
/// </summary>
public static class ConfigurationArguments
{
    /// <summary>The first argument the configuration would ignore, described for the user; null when there is none.</summary>
    public static string? FindIgnored(IReadOnlyList<string> arguments, IEnumerable<string> commands)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (argument.StartsWith("--", StringComparison.Ordinal) || argument.StartsWith('/'))
            {
                if (i + 1 == arguments.Count)
                {
                    return $"option '{argument}' needs a value";
                }

                // The next argument is its value, whatever it looks like.
                i++;
                continue;
            }

            return argument.StartsWith('-')
                ? $"unknown option '{argument}' (fieldlink --help lists the options)"
                : $"unknown command '{argument}'; the commands are {string.Join(", ", commands)} (fieldlink --help)";
        }

        return null;
    }
}
