using System.Globalization;
using System.Text;

namespace Fieldlink.Core.Live;

/// <summary>
/// The text form of a batch of changes that another process reads (a PostgreSQL notification's payload): the origin,
/// then one token per change — a letter for the kind, the id as 32 hex digits or <c>*</c> for any, and <c>/</c> and the
/// device id when known — as in <c>3f2a9c01b7de;A0190a...e4/0190b...77,C*</c>. A batch longer than
/// <see cref="MaxBytes"/> is cut into several payloads, each complete in itself.
/// </summary>
public static class ChangePayload
{
    /// <summary>The longest payload made: PostgreSQL's limit is 8,000 bytes; the payload is ASCII.</summary>
    public const int MaxBytes = 7900;

    private const string Kinds = "ACDSWRPNVKT";

    /// <summary>The longest token: the kind's letter, an id, a slash and a device id (plus the comma before it).</summary>
    private const int MaxTokenLength = 1 + 32 + 1 + 32 + 1;

    /// <summary>The payloads that carry <paramref name="changes"/> from <paramref name="origin"/> (letters and digits only).</summary>
    public static IReadOnlyList<string> Encode(string origin, IReadOnlyList<RecordChange> changes)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(changes);
        var payloads = new List<string>(1);

        // Sized for what it will hold, not for the largest payload: a commit announces a few changes, and a builder of
        // MaxBytes allocated 16 KB per commit, a fifth of all a command's round trip allocated (issue 15).
        var text = new StringBuilder(Math.Min(MaxBytes, origin.Length + 1 + (changes.Count * MaxTokenLength)));
        for (var i = 0; i < changes.Count; i++)
        {
            var token = Token(changes[i]);
            if (text.Length > 0 && text.Length + 1 + token.Length > MaxBytes)
            {
                payloads.Add(text.ToString());
                text.Clear();
            }

            text.Append(text.Length == 0 ? origin + ";" : ",").Append(token);
        }

        if (text.Length > 0)
        {
            payloads.Add(text.ToString());
        }

        return payloads;
    }

    /// <summary>Reads a payload; false when it is not one of ours (nothing is trusted about its contents).</summary>
    public static bool TryDecode(string payload, out string origin, out IReadOnlyList<RecordChange> changes)
    {
        origin = string.Empty;
        changes = [];
        var separator = payload?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        if (separator <= 0)
        {
            return false;
        }

        var read = new List<RecordChange>();
        foreach (var token in payload![(separator + 1)..].Split(','))
        {
            if (!TryRead(token, out var change))
            {
                return false;
            }

            read.Add(change);
        }

        origin = payload[..separator];
        changes = read;
        return true;
    }

    private static string Token(RecordChange change)
    {
        var id = change.IsAny ? "*" : change.Id.ToString("N", CultureInfo.InvariantCulture);
        var device = change.DeviceId is { } d ? "/" + d.ToString("N", CultureInfo.InvariantCulture) : string.Empty;
        return Kinds[(int)change.Kind] + id + device;
    }

    private static bool TryRead(string token, out RecordChange change)
    {
        change = default;
        if (token.Length < 2 || Kinds.IndexOf(token[0], StringComparison.Ordinal) is var kind && kind < 0)
        {
            return false;
        }

        var parts = token[1..].Split('/');
        if (parts.Length > 2)
        {
            return false;
        }

        var id = Guid.Empty;
        if (parts[0] != "*" && !Guid.TryParseExact(parts[0], "N", out id))
        {
            return false;
        }

        Guid? device = null;
        if (parts.Length == 2)
        {
            if (!Guid.TryParseExact(parts[1], "N", out var parsed))
            {
                return false;
            }

            device = parsed;
        }

        change = new RecordChange((RecordKind)kind, id, device);
        return true;
    }
}
