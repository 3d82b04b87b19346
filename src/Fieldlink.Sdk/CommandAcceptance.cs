namespace Fieldlink.Sdk;

/// <summary>Whether the provider's system took a command.</summary>
/// <param name="Accepted">True when it took it (the command is Sent); false when it refused it (the command Failed).</param>
/// <param name="Reason">Why it was refused, or a note on its acceptance.</param>
public sealed record CommandAcceptance(bool Accepted, string? Reason = null)
{
    /// <summary>The system took the command.</summary>
    public static CommandAcceptance Taken { get; } = new(true);

    /// <summary>The system refused the command.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>A refusal.</returns>
    public static CommandAcceptance Refused(string reason) => new(false, reason);

    /// <summary>The system refused the command, and answered <paramref name="detail"/> with the refusal.</summary>
    /// <param name="reason">Why, in words anyone who may read the command may see: e.g. the status the system answered.</param>
    /// <param name="detail">What the system answered (e.g. the start of an HTTP body), which may carry its internal information.</param>
    /// <returns>A refusal.</returns>
    public static CommandAcceptance Refused(string reason, string? detail) => new(false, reason) { Detail = detail };

    /// <summary>
    /// What the provider's system answered with a refusal, kept apart from <see cref="Reason"/> because a vendor may
    /// echo internal information (tokens, hosts) in it: Fieldlink stores at most 500 characters of it as the command's
    /// <c>errorDetail</c> and shows it only to Administrators, who may see the provider instance's settings anyway.
    /// Default: null.
    /// </summary>
    public string? Detail { get; init; }
}
