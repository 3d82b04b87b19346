namespace Fieldlink.Server.Auth;

/// <summary>
/// Where to go after signing in: the return URL only when it is a path on this site, so a link to the sign-in page
/// cannot send a person on to another site (an open redirect). Anything else is the home page.
/// </summary>
public static class LocalReturnUrl
{
    public static string From(string? returnUrl)
    {
        // "//host" and "/\host" are other sites to a browser.
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/'
            || (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
            || returnUrl.Any(char.IsControl))
        {
            return "/";
        }

        return returnUrl;
    }
}
