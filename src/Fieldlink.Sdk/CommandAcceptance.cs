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
}
