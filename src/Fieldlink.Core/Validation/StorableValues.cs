namespace Fieldlink.Core.Validation;

/// <summary>
/// What every door (the API, ingestion over HTTP, a connector's sink) holds a value to before it is stored, so that no
/// value is refused by a database after it was accepted: text without NUL characters or unpaired surrogates (PostgreSQL
/// refuses the one, UTF-8 cannot hold the other), finite numbers, and times in a range both databases keep exactly.
/// Each check answers null for a good value, or a sentence that completes "The {field} ..." for the problem.
/// </summary>
public static class StorableValues
{
    /// <summary>
    /// The earliest time a device's report may carry (2000-01-01T00:00:00Z). Earlier ones come from a clock that was
    /// never set, or from Unix seconds sent where milliseconds were meant (which lands in January 1970).
    /// </summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest time any field may name (2200-01-01T00:00:00Z): far enough for expiries, short of overflow.</summary>
    public static readonly DateTimeOffset LatestTime = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Null when <paramref name="value"/> can be stored as text; otherwise what is wrong with it.</summary>
    public static string? TextProblem(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "must not contain the NUL character (U+0000).";
        }

        return IsWellFormed(value)
            ? null
            : "must not contain an unpaired UTF-16 surrogate (e.g. \\ud800 on its own).";
    }

    /// <summary>Null when <paramref name="value"/> is a finite number; otherwise what is wrong with it.</summary>
    public static string? NumberProblem(double value) =>
        double.IsFinite(value) ? null : "must be a finite number.";

    /// <summary>Null when <paramref name="value"/> lies in [<see cref="EarliestTime"/>, <see cref="LatestTime"/>); otherwise what is wrong with it.</summary>
    public static string? TimeProblem(DateTimeOffset value) =>
        value >= EarliestTime && value < LatestTime
            ? null
            : $"must lie between {EarliestTime:yyyy-MM-dd'T'HH:mm:ss'Z'} and {LatestTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (was {value.ToUniversalTime():O}).";

    /// <summary>
    /// Null when <paramref name="value"/> is an absolute http or https URL without user information (what a page may
    /// safely render as a link); otherwise what is wrong with it. <c>javascript:</c>, relative paths, other schemes and
    /// <c>user:password@</c> are refused.
    /// </summary>
    public static string? UrlProblem(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (TextProblem(value) is { } text)
        {
            return text;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL, e.g. https://acme.example/path.";
        }

        return uri.UserInfo.Length > 0 || HasUserInfo(value)
            ? "must not carry a user name or password (user:password@)."
            : null;
    }

    // Uri may normalise an empty user part ("http://@host/") away; the text itself tells.
    private static bool HasUserInfo(string value)
    {
        var start = value.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var authorityEnd = value.IndexOfAny(['/', '?', '#'], start + 2);
        var authority = authorityEnd < 0 ? value[(start + 2)..] : value[(start + 2)..authorityEnd];
        return authority.Contains('@', StringComparison.Ordinal);
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
