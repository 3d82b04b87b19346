namespace Fieldlink.Server.Cli;

/// <summary>A command that cannot go on because of what it was given; the command line prints the message as one line and exits with 1.</summary>
public sealed class CommandLineException(string message, Exception? innerException = null) : Exception(message, innerException);
