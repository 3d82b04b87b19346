using System.Globalization;
using System.Text;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// One generated request, before its pool tokens are resolved: the route, the tokens of its path ids, the query and
/// the body as JSON text (with <see cref="HostileJson.InvalidUtf8"/> where bytes that are not UTF-8 go).
/// </summary>
public sealed record FuzzRequest(FuzzRoute Route, IReadOnlyList<string> PathValues, string? Query, string? Body, string? ContentType)
{
    /// <summary>The path with its values put in, in order of the template's parameters.</summary>
    public string Path(Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        var path = new StringBuilder();
        var template = Route.Template;
        var index = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                var end = template.IndexOf('}', i);
                path.Append(resolve(PathValues[index++]));
                i = end;
            }
            else
            {
                path.Append(template[i]);
            }
        }

        return Query is null ? path.ToString() : path + "?" + resolve(Query);
    }

    /// <summary>The body's bytes: UTF-8, except where the text asks for bytes that are not.</summary>
    public static byte[] Encode(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = new List<byte>(body.Length + 16);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in body.EnumerateRunes())
        {
            if (rune.Value == HostileJson.InvalidUtf8)
            {
                bytes.Add(0xFF);
            }
            else if (rune.Value == HostileJson.EncodedSurrogate)
            {
                // A surrogate encoded as if it were a character (CESU-8): no valid UTF-8 has it.
                bytes.AddRange([0xED, 0xA0, 0x80]);
            }
            else
            {
                var written = rune.EncodeToUtf8(buffer);
                bytes.AddRange(buffer[..written].ToArray());
            }
        }

        return [.. bytes];
    }

    /// <summary>How a failure shows the request: printable, with what is not printable escaped and long runs cut.</summary>
    public string Print(Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        var text = new StringBuilder($"{Route.Method} {Printable(Path(resolve))}");
        if (ContentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  Content-Type: {ContentType}");
        }

        if (Body is not null)
        {
            text.Append("\n  ").Append(Printable(resolve(Body)));
        }

        return text.ToString();
    }

    public override string ToString() => Print(t => t);

    private static string Printable(string text)
    {
        var printed = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            // Long runs of one character (a 70,000-character string) print as a count.
            var run = 1;
            while (i + run < text.Length && text[i + run] == text[i])
            {
                run++;
            }

            if (run > 16)
            {
                printed.Append(CultureInfo.InvariantCulture, $"«{Escape(text[i])} x{run}»");
                i += run;
                continue;
            }

            printed.Append(Escape(text[i]));
            i++;
        }

        return printed.Length > 1500 ? printed.ToString(0, 1500) + $"… ({text.Length} characters)" : printed.ToString();
    }

    private static string Escape(char c) => c switch
    {
        HostileJson.InvalidUtf8 => "«byte FF»",
        HostileJson.EncodedSurrogate => "«bytes ED A0 80»",
        < ' ' or (> '~' and < '\u00a0') or (>= '\ud800' and <= '\udfff') => $"\\u{(int)c:x4}",
        _ => c.ToString(),
    };
}
