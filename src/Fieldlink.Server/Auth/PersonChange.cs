namespace Fieldlink.Server.Auth;

/// <summary>
/// What a change to a person came to: the person as they are now (and, when one was made, their new password — shown
/// this once, stored only as a hash), or the errors by field (<c>email</c>, <c>displayName</c>, <c>role</c>, or
/// <see cref="WholeForm"/> for what concerns the person as a whole, such as the last active Administrator).
/// </summary>
public sealed record PersonChange(PersonEntry? Person, string? Password, IReadOnlyDictionary<string, string[]>? Errors, string? Done = null)
{
    /// <summary>The key of an error about the change as a whole rather than one field.</summary>
    public const string WholeForm = "";

    public bool Succeeded => Errors is null;

    /// <summary>
    /// Whether the refusal was about what was asked (an e-mail that is none, an unknown role) rather than the store's
    /// state (a duplicate e-mail, the last Administrator): the CLI exits 2 for the first, as for any bad argument, 1 else.
    /// </summary>
    public bool InputInvalid { get; init; }

    /// <summary>One sentence for a person: what was done, or the first error.</summary>
    public string Message => Errors?.SelectMany(e => e.Value).FirstOrDefault() ?? Done ?? "Done.";

    public static PersonChange Refused(string field, string message, bool inputInvalid = false) =>
        new(null, null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }) { InputInvalid = inputInvalid };
}
