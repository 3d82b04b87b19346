using MudBlazor;

namespace Fieldlink.Server.Components.Layout;

/// <summary>
/// The app's one theme: MudBlazor's defaults with system fonts (no web font from a CDN), and error, warning and success colours
/// dark enough for text on white (axe's 4.5:1 contrast); MudBlazor's own are too light for outlined chips and a success snackbar's white text.
/// </summary>
public static class FieldlinkTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Error = "#c62828",
            Warning = "#a15c00",
            Success = "#2e7d32",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
