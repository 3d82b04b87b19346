using MudBlazor;

namespace Fieldlink.Server.Components.Layout;

/// <summary>The app's one theme: MudBlazor's defaults with system fonts (no web font from a CDN).</summary>
public static class FieldlinkTheme
{
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
