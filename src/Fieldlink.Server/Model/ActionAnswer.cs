namespace Fieldlink.Server.Model;

/// <summary>What an action of a page did, in a sentence for a snackbar: done, or refused and why (no stack trace).</summary>
public sealed record ActionAnswer(bool Done, string Message)
{
    /// <summary>The id of what the action made (a case, a work order), when it made one.</summary>
    public Guid? CreatedId { get; init; }

    public static ActionAnswer Refused(string message) => new(false, message);

    /// <summary>The answer to a person whose role may not act: nothing was written.</summary>
    public static ActionAnswer NotAllowed { get; } = Refused("Your role may not do this: only a Dispatcher or an Administrator may act on alerts.");
}
