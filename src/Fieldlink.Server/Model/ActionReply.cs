namespace Fieldlink.Server.Model;

/// <summary>
/// What an action of a page answers: whether it was done, and a sentence for the snackbar — what was done, or the
/// refusal's own words (Core's, or that the person's role may not act). <see cref="Id"/> is the record made, if any.
/// </summary>
public sealed record ActionReply(bool Succeeded, string Message, Guid? Id = null)
{
    public static ActionReply Done(string message, Guid? id = null) => new(true, message, id);

    public static ActionReply Refused(string message) => new(false, message);
}
