namespace Fieldlink.Server.Hosting;

/// <summary>
/// Holds back the host's own error log of a failed start (the whole stack trace) for a caller that reports the
/// failure itself, as the command line does in one line; once <see cref="Started"/> (when the application has
/// started: <see cref="FieldlinkApp.Build"/> sees to it), the host logs as ever (a background service's failure, say).
/// </summary>
public sealed class HostStartLog
{
    /// <summary>The logging category of the generic host's own messages.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>Whether the host has started; from then on its errors are logged.</summary>
    public bool Started => _started;

    /// <summary>Marks the host started.</summary>
    public void MarkStarted() => _started = true;

    /// <summary>Whether a message of the host at <paramref name="level"/> is logged now.</summary>
    public bool Allows(LogLevel level) => level >= LogLevel.Information && (_started || level < LogLevel.Error);
}
