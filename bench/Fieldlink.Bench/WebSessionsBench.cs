using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Fieldlink.Bench;

/// <summary>
/// What open browser sessions cost the server: starts <c>fieldlink serve</c> as its own process, signs one person in
/// with Debian's Chromium, then opens <c>sessions</c> pages of the alerts list, each in its own browser context (its
/// own circuit, as another person's tab would be), and reports how much the server's resident memory grew. The server's
/// memory is read from <c>/proc/&lt;pid&gt;/status</c> (VmRSS), as the median of several samples once it is quiet.
/// </summary>
public static class WebSessionsBench
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task RunAsync(TextWriter output, string database, int sessions, string path, TimeSpan hold, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install -y chromium.");
        }

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var email = $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}@bench.fieldlink";
        var password = (await RunFieldlinkAsync(["users", "create", "--email", email, "--role", "Dispatcher", "--database", database], cancellationToken)).Trim();

        using var server = StartFieldlink(["serve", "--database", database, "--urls", baseUrl.ToString()]);
        try
        {
            await WaitHealthyAsync(baseUrl, server, cancellationToken);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });

            // One sign-in through the form; every session after it carries the same cookie, as tabs of one browser would.
            var first = await NewContextAsync(browser, baseUrl, null);
            var signIn = await first.NewPageAsync();
            await signIn.GotoAsync("/account/signin");
            await signIn.GetByLabel("E-mail").FillAsync(email);
            await signIn.GetByLabel("Password").FillAsync(password);
            await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await InteractiveAsync(signIn);
            var state = await first.StorageStateAsync();

            var before = await QuietRssAsync(server, cancellationToken);
            output.WriteLine($"server RSS with one session open: {Mb(before)} MB");
            var clock = Stopwatch.StartNew();
            var contexts = new List<IBrowserContext> { first };
            for (var i = 0; i < sessions; i++)
            {
                var context = await NewContextAsync(browser, baseUrl, state);
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                if (path == "/")
                {
                    await InteractiveAsync(page);
                }
                else
                {
                    // Another page: its circuit has started once the network is quiet (the circuit's WebSocket is not counted).
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 });
                }
                if ((i + 1) % 25 == 0)
                {
                    output.WriteLine($"  {i + 1} sessions open ({clock.Elapsed.TotalSeconds:F0} s), server RSS {Mb(Rss(server))} MB");
                }
            }

            var after = await QuietRssAsync(server, cancellationToken);
            output.WriteLine($"server RSS with {sessions} more sessions open: {Mb(after)} MB");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sessions} sessions added {Mb(after - before)} MB ({(after - before) / 1024.0 / 1024.0 / sessions:F2} MB per session)"));
            if (hold > TimeSpan.Zero)
            {
                output.WriteLine($"holding the sessions open for {hold.TotalSeconds:F0} s: the server is process {server.Id} (e.g. dotnet-gcdump collect -p {server.Id})");
                await Task.Delay(hold, cancellationToken);
            }

            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseUrl, string? storageState) =>
        browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 800 }, StorageState = storageState });

    /// <summary>Waits until the alerts page's circuit has loaded its first page of the grid (the prerender says "Loading alerts…").</summary>
    private static async Task InteractiveAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 }).WaitForAsync(new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync(
            "() => !document.body.innerText.includes('Loading alerts…')", null, new() { Timeout = 60_000 });
    }

    /// <summary>The median of seven samples a second apart, after five seconds for the server to settle.</summary>
    private static async Task<long> QuietRssAsync(Process server, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var samples = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            samples.Add(Rss(server));
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>The process's resident set in bytes, from /proc.</summary>
    private static long Rss(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{process.Id}/status: has the server exited?");
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>The server this bench was built with, beside it: the same build as the code measured.</summary>
    private static Process StartFieldlink(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fieldlink.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("fieldlink did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  fieldlink: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RunFieldlinkAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fieldlink.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("fieldlink did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"fieldlink {string.Join(' ', arguments)} failed: {await stderr}");
    }

    private static async Task WaitHealthyAsync(Uri baseUrl, Process server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"fieldlink serve exited with {server.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("fieldlink serve did not answer /healthz within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
