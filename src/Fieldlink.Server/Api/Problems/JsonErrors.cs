using System.Text.Json;

namespace Fieldlink.Server.Api.Problems;

/// <summary>Turns a JSON error into a field-by-field 400: the field is the JSON path, the message says what is wrong.</summary>
public static class JsonErrors
{
    public static Dictionary<string, string[]> From(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = FieldOf(exception.Path);
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            message = message[..cut];
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            message = $"'{field}' is not a field that can be written here.";
        }
        else if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            message = "The value has the wrong type for this field.";
        }

        return new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };
    }

    /// <summary>
    /// <c>$.settings.host</c> → <c>settings.host</c>; <c>$</c> or nothing → <c>body</c>. A NUL or a lone surrogate in a
    /// name on the path is written as its escape (<c>values.t\u0000</c>), so the answer names the field it refuses
    /// without carrying the character it refuses.
    /// </summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return Core.Validation.StorableValues.Escape(field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.'));
    }
}
