using Microsoft.Playwright;

namespace Fieldlink.Web.Tests.Infrastructure;

/// <summary>What a person sees in the window (not the whole page), saved in $TMPDIR/fieldlink-web-screenshots to look at.</summary>
public static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fieldlink-web-screenshots")).FullName;

    public static Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Directory, name + ".png"), FullPage = false });
}
