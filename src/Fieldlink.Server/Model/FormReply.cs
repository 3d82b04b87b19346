using System.Globalization;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Model;

/// <summary>
/// What saving an administration form came to: whether it was saved, a sentence for the snackbar, and the field errors
/// of the validation, named as the API names them (<c>name</c>, <c>settings.port</c>, <c>measures[0].unit</c>), for the
/// form to show on its inputs. <see cref="Stale"/> says the record changed since the form read it: the page reads it
/// again. <see cref="Id"/> is the record saved.
/// </summary>
public sealed record FormReply(bool Succeeded, string Message, FieldMessages Errors, Guid? Id = null, bool Stale = false)
{
    public static FormReply Done(string message, Guid? id = null) => new(true, message, FieldMessages.None, id);

    public static FormReply Refused(string message, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(false, message, errors is null ? FieldMessages.None : new FieldMessages(errors));

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
            return Refused(string.Create(CultureInfo.InvariantCulture, $"Not saved: {count} {(count == 1 ? "field needs" : "fields need")} a change (shown on the form)."), errors);
        }

        return edit.Problem?.StatusCode == StatusCodes.Status412PreconditionFailed
            ? new(false, StaleMessage(noun), FieldMessages.None, Stale: true)
            : Refused(edit.Message ?? $"The {noun} was not saved.");
    }

    /// <summary>Why a form read before someone else's save is not saved: their change is kept, and the form must be read again.</summary>
    public static string StaleMessage(string noun) =>
        $"Not saved: someone else changed the {noun} after you opened it. Their change is kept: look at it, then make yours again.";
}
