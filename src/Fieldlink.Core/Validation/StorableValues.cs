using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>
    /// <paramref name="value"/> with each NUL and unpaired surrogate written as its <c>\uXXXX</c> escape, at most
    /// <paramref name="maxLength"/> characters and never cut inside a surrogate pair: for what must be kept whatever it
    /// holds, as a dead letter keeps what could not be used.
    /// </summary>
    public static string Escape(string value, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = TextProblem(value) is null ? value : EscapeAll(value);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
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

    /// <summary>
    /// How deep free-form JSON may nest (32 levels): far more than any device's data, and half the depth a JSON writer
    /// allows, so what is stored can always be answered back inside an answer's own objects.
    /// </summary>
    public const int MaxJsonNesting = 32;

    /// <summary>
    /// Null when every string and property name in <paramref name="value"/> passes <see cref="TextProblem"/> and every
    /// number is finite as a double (PostgreSQL's jsonb refuses <c>\u0000</c>, and what no double holds cannot be
    /// read back as a number); otherwise what is wrong, naming where in the JSON.
    /// </summary>
    public static string? JsonProblem(JsonNode? value)
    {
        try
        {
            return ProblemAt(value, "$", 0);
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or FormatException or ArgumentException)
        {
            // A string JSON text may escape but .NET cannot hold (an unpaired surrogate escape, say) fails as it is read.
            return $"must be JSON whose strings are valid Unicode text ({ex.Message}).";
        }
    }

    private static string? ProblemAt(JsonNode? value, string path, int depth)
    {
        if (depth > MaxJsonNesting && value is JsonObject or JsonArray)
        {
            return $"nests deeper than {MaxJsonNesting} levels at {path}.";
        }

        switch (value)
        {
            case JsonObject json:
                foreach (var (name, item) in json)
                {
                    if (TextProblem(name) is { } nameProblem)
                    {
                        return $"has a property name at {path} that {nameProblem}";
                    }

                    if (ProblemAt(item, $"{path}.{name}", depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (ProblemAt(array[i], $"{path}[{i}]", depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                // A value made from a string (or read from JSON text) is checked; one made from a time or a GUID is
                // written by .NET itself and cannot hold a NUL.
                return scalar.TryGetValue<string>(out var text) && TextProblem(text) is { } textProblem ? $"has a string at {path} that {textProblem}" : null;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                // As written, whatever number type the value was made from: JSON text such as 1e400 reads as infinity.
                return double.TryParse(scalar.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    && NumberProblem(number) is null
                    ? null
                    : $"has a number at {path} that is not a finite double.";
            default:
                return null;
        }
    }

    private static string EscapeAll(string value)
    {
        var text = new System.Text.StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (c == '\0' || char.IsSurrogate(c))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
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
