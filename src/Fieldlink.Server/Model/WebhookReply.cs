namespace Fieldlink.Server.Model;

/// <summary>
/// What a webhook action of the administration page answers: its <see cref="ActionReply"/> (the snackbar's sentence),
/// the errors of the form's fields (<c>url</c>, <c>eventTypes</c>, <c>description</c>, as the API names them), and the
/// signing secret a creation or rotation made — for the page to show this once and then forget.
/// </summary>
public sealed record WebhookReply(ActionReply Reply, string? Secret = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Reply.Succeeded;

    /// <summary>The first error of <paramref name="field"/>, or null.</summary>
    public string? ErrorOf(string field) => Errors?.GetValueOrDefault(field)?.FirstOrDefault();

    public static WebhookReply Refused(string message, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(ActionReply.Refused(message), null, errors);
}
