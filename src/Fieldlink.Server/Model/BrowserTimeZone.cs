namespace Fieldlink.Server.Model;

/// <summary>
/// The time zone of the browser of one circuit, as the page learns it after its first render; UTC until then or when
/// the browser names a zone this machine does not know. (A profile setting will take precedence once people have one.)
/// </summary>
public sealed class BrowserTimeZone
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Whether the browser's zone is known yet.</summary>
    public bool IsKnown { get; private set; }

    /// <summary>Takes the IANA name the browser gave (e.g. Europe/Berlin).</summary>
    public void Set(string? ianaName)
    {
        IsKnown = true;
        if (!string.IsNullOrWhiteSpace(ianaName) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaName, out var zone))
        {
            Zone = zone;
        }
    }

    /// <summary>The time as the browser's clock shows it, e.g. 2026-11-30 09:15:02.</summary>
    public string Format(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
