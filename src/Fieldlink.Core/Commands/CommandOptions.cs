using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Core.Commands;

/// <summary>How commands are sent and tracked (configuration section <c>Commands</c>).</summary>
public sealed class CommandOptions
{
    /// <summary>Whether this process sends commands; false for a process that only serves the API. Default: true.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long a Sent command waits for its outcome before it is TimedOut. Default: 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan OutcomeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the dispatcher looks for work it was not told about (other processes' commands, timeouts). Default: 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher holds a command it is sending before another process may take it over. Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times a command whose hand-over failed is tried before it Failed. Default: 5.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How many commands a dispatcher takes at once. Default: 50.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;
}
