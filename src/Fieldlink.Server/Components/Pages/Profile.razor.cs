using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages;

/// <summary>The signed-in person's own settings: the time zone every page shows times in (default: the browser's).</summary>
public sealed partial class Profile
{
    private string? _zone;
    private bool _saving;

    [Inject]
    private PersonProfile PersonProfile { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync() => _zone = await PersonProfile.TimeZoneIdAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await TimeZone.LearnOnceAsync(JS))
        {
            StateHasChanged();
        }
    }

    private static Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text)
            ? PersonProfile.Zones
            : PersonProfile.Zones.Where(z => z.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var answer = await PersonProfile.SaveTimeZoneAsync(_zone);
            Snackbar.Add(answer.Message, answer.Done ? Severity.Success : Severity.Error);
            if (answer.Done)
            {
                // This circuit shows the new zone at once; the browser's zone is known already, or asked for again.
                TimeZone.Prefer(string.IsNullOrWhiteSpace(_zone) ? null : _zone);
                if (string.IsNullOrWhiteSpace(_zone))
                {
                    await TimeZone.LearnAsync(JS);
                }
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
