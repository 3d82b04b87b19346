using TimeZoneConverter;

namespace Fieldlink.Core.Devices;

/// <summary>
/// Device time zones are stored as IANA ids. A Windows id (what the reference system and many vendor clouds
/// send) is accepted and turned into its IANA equivalent. The lists come from TimeZoneConverter, so the answer
/// does not depend on the tz data of the machine Fieldlink runs on.
/// </summary>
public static class TimeZoneIds
{
    private static readonly Dictionary<string, string> Iana =
        TZConvert.KnownIanaTimeZoneNames.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    public static bool TryNormalize(string value, out string iana)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Iana.TryGetValue(value.Trim(), out var known))
        {
            iana = known;
            return true;
        }

        if (TZConvert.TryWindowsToIana(value.Trim(), out var converted))
        {
            iana = converted;
            return true;
        }

        iana = string.Empty;
        return false;
    }
}
