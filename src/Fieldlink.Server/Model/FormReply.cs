namespace Fieldlink.Server.Model;

/// <summary>
/// What saving an administration form answers: whether it was saved, a sentence for the snackbar, and the field errors
/// of the validation, named as the API names them (<c>name</c>, <c>settings.port</c>), for the form to show on its fields.
/// <see cref="Stale"/> says the record changed since the form read it: the page reads it again into the form.
/// </summary>
public sealed record FormReply(bool Succeeded, string Message, IReadOnlyDictionary<string, string[]> Errors, Guid? Id = null, bool Stale = false)
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    public static FormReply Saved(string message, Guid id) => new(true, message, None, id);

    public static FormReply Refused(string message, IReadOnlyDictionary<string, string[]>? errors = null) => new(false, message, errors ?? None);

    public static FormReply Changed(string message) => new(false, message, None, Stale: true);
}
