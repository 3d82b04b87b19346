using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Fieldlink.Web.Tests.Infrastructure;

/// <summary>The axe scan every page must pass: no serious or critical violation.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);

        await WaitUntilStillAsync(page);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    /// <summary>
    /// Waits until no CSS transition runs: a control that has just become enabled fades its colours in (MudBlazor's
    /// transitions), so axe would measure the contrast half-way, and a picture would show it half faded.
    /// </summary>
    public static async Task WaitUntilStillAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync("() => document.getAnimations().filter(a => a instanceof CSSTransition).every(a => a.playState !== 'running')");
    }
}
