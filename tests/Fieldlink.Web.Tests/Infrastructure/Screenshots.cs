using Microsoft.Playwright;

namespace Fieldlink.Web.Tests.Infrastructure;

/// <summary>Screenshots for a person to look at, in one directory per run: $TMPDIR/fieldlink-web-screenshots.</summary>
public static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fieldlink-web-screenshots")).FullName;

    public static Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
}
