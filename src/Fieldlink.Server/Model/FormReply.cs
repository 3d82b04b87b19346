using System.Globalization;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Model;

/// <summary>
/// What a save from an administration form came to: done, or refused with a sentence for the snackbar and, when the
/// values were at fault, the field errors to show on their inputs (<see cref="Errors"/>). <see cref="Id"/> is the record
/// saved.
/// </summary>
public sealed record FormReply(bool Succeeded, string Message, FieldMessages Errors, Guid? Id = null)
{
    public static FormReply Done(string message, Guid? id = null) => new(true, message, FieldMessages.None, id);

    public static FormReply Refused(string message) => new(false, message, FieldMessages.None);

    /// <summary>
    /// The reply to an edit: <paramref name="done"/> when it saved; the count of fields to fix when validation refused it;
    /// for a stale version, that someone else changed the <paramref name="noun"/> (the API's words speak of ETags, which
    /// a person never saw); else the store's refusal (a duplicate name, a record still in use).
    /// </summary>
    public static FormReply Of<TEntity>(CollectionEdit<TEntity> edit, string noun, string done)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (edit.Succeeded)
        {
            return Done(done, (edit.Entity as Core.Data.Entity)?.Id);
        }

        if (edit.Errors is { Count: > 0 } errors)
        {
            var count = errors.Count;
            return new(false, string.Create(CultureInfo.InvariantCulture, $"Not saved: {count} {(count == 1 ? "field needs" : "fields need")} a change (shown on the form)."), new FieldMessages(errors));
        }

        return edit.Problem?.StatusCode == StatusCodes.Status412PreconditionFailed
            ? Refused(Stale(noun))
            : Refused(edit.Message ?? $"The {noun} was not saved.");
    }

    /// <summary>Why a form read before someone else's save is not saved: their change is kept, and the form must be read again.</summary>
    public static string Stale(string noun) =>
        $"Not saved: someone else changed the {noun} after you opened it. Reload to see their change, then make yours again.";
}
