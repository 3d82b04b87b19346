using Microsoft.Playwright;

namespace Fieldlink.Web.Tests.Infrastructure;

/// <summary>What a page must do on a 390-px-wide phone, a technician's screen: fit the width without sideways scrolling.</summary>
public static class PhoneWidth
{
    public const int Width = 390;
    public const int Height = 844;

    /// <summary>Fails when the document is wider than the viewport, naming how much wider (a grid scrolls inside itself instead).</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (document, viewport) = (widths[0], widths[1]);
        Assert.True(document <= viewport, $"The page is {document} px wide in a {viewport} px viewport: it scrolls sideways.");
    }
}
