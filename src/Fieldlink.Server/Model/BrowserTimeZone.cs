using Microsoft.JSInterop;

namespace Fieldlink.Server.Model;

/// <summary>
/// The time zone one circuit shows times in: the zone its person chose in their profile, else the one their browser
/// reports; UTC until either is known, or when the name is one this machine does not know. A page learns it after its
/// first render (<see cref="LearnAsync"/>, which needs the browser) and renders again.
/// </summary>
public sealed class BrowserTimeZone(PersonProfile profile)
{
    private string? _browserZone;
    private string? _profileZone;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Whether the zone is known yet.</summary>
    public bool IsKnown { get; private set; }

    /// <summary>The zone's name, e.g. Europe/Berlin (UTC until known).</summary>
    public string Name => Zone.Id;

    /// <summary>Whether the zone is the person's choice, not their browser's.</summary>
    public bool FromProfile => _profileZone is not null && Zone.Id == _profileZone;

    /// <summary>Reads the person's chosen zone and, when there is none, asks the browser (<c>wwwroot/js/time-zone.js</c>).</summary>
    public async Task LearnAsync(IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(js);
        _profileZone = await profile.TimeZoneIdAsync();
        if (_profileZone is null)
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/time-zone.js");
            _browserZone = await module.InvokeAsync<string?>("timeZone");
        }

        Resolve();
    }

    /// <summary>
    /// What every page does after its first render: learns the zone (<see cref="LearnAsync"/>) unless this circuit
    /// knows it already, and answers whether it did, so the page renders again with its times in that zone:
    /// <c>if (firstRender &amp;&amp; await TimeZone.LearnOnceAsync(JS)) StateHasChanged();</c>
    /// </summary>
    public async Task<bool> LearnOnceAsync(IJSRuntime js)
    {
        if (IsKnown)
        {
            return false;
        }

        await LearnAsync(js);
        return true;
    }

    /// <summary>Takes the person's new choice at once (null: the browser's zone again), as the profile page saves it.</summary>
    public void Prefer(string? ianaName)
    {
        _profileZone = ianaName;
        Resolve();
    }

    /// <summary>The time as the person's clock shows it, e.g. 2026-11-30 09:15:02.</summary>
    public string Format(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The time to the minute, e.g. 2026-11-30 09:15: what a list's narrow time column shows (with <see cref="Format"/>
    /// in its tooltip).
    /// </summary>
    public string FormatShort(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of a wall-clock time in this zone (what a person types into a time filter).</summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    private void Resolve()
    {
        IsKnown = true;
        Zone = Find(_profileZone) ?? Find(_browserZone) ?? TimeZoneInfo.Utc;
    }

    private static TimeZoneInfo? Find(string? ianaName) =>
        !string.IsNullOrWhiteSpace(ianaName) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaName, out var zone) ? zone : null;
}
