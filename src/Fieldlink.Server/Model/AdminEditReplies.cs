using System.Security.Claims;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the providers pages' actions share: the Administer check every action makes before it acts, and the words a
/// person reads for what <see cref="CollectionEdits"/> answered.
/// </summary>
internal static class AdminEditReplies
{
    public const string NotAdministrator = "Only an Administrator may change providers and their instances.";

    public static async Task<bool> MayAdministerAsync(IServiceProvider services, ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var authorization = services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(person, AuthPolicies.Administer)).Succeeded;
    }

    /// <summary>
    /// The reply to an edit that did not succeed: its field errors for the form, or the store's refusal in a person's
    /// words (a change made meanwhile is said as such, not as the API's If-Match).
    /// </summary>
    public static FormReply Refusal<TEntity>(CollectionEdit<TEntity> edit, string noun)
        where TEntity : class
    {
        if (edit.Errors is { Count: > 0 } errors)
        {
            return FormReply.Refused($"The {noun} was not saved: {edit.Message}", errors);
        }

        return edit.Problem?.StatusCode == StatusCodes.Status412PreconditionFailed
            ? FormReply.Changed($"Someone changed this {noun} while you edited it; it has been read again: check it and save again.")
            : FormReply.Refused(edit.Message ?? $"The {noun} was not saved.");
    }
}
