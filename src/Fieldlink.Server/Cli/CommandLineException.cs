namespace Fieldlink.Server.Cli;

/// <summary>
/// A command that cannot go on because of what it was given; the command line prints the message as one line and
/// exits with <see cref="ExitCode"/>: 2 for a usage mistake, 1 (the default) for a setting or store it cannot use.
/// </summary>
public sealed class CommandLineException(string message, Exception? innerException = null, int exitCode = 1) : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;
}
