namespace Fieldlink.Server.Hosting;

/// <summary>
/// A configuration value Fieldlink cannot use, found at start-up: <see cref="Setting"/> names the command-line option
/// and the configuration key, so the command line can say which one to fix in one line.
/// </summary>
public sealed class ConfigurationValueException(string setting, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The option and key, e.g. <c>--database (Database)</c>.</summary>
    public string Setting { get; } = setting;
}
