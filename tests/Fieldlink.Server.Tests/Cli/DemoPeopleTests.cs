using System.Net;
using System.Text.RegularExpressions;
using Fieldlink.Server.Hosting;
using Fieldlink.Server.Tests.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Cli;

/// <summary><c>serve --demo</c> creates people to sign in as, and says once how.</summary>
public sealed partial class DemoPeopleTests
{
    [Fact]
    public async Task Serve_with_demo_logs_a_dispatcher_and_an_administrator_who_can_sign_in()
    {
        using var dataDir = new TempDirectory();
        var port = FieldlinkProcess.FreePort();
        using var process = FieldlinkProcess.Start(
            "serve", "--demo", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path, "--mqtt-broker", $"embedded:{FieldlinkProcess.FreePort()}");
        try
        {
            var credentials = new Dictionary<string, string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (credentials.Count < 2 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Credentials().Match(line) is { Success: true } match)
                {
                    credentials[match.Groups[1].Value] = match.Groups[2].Value;
                }
            }

            Assert.Equal([DemoSeeder.AdministratorEmail, DemoSeeder.DispatcherEmail], credentials.Keys.Order());
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.True(await FieldlinkProcess.WaitUntilHealthyAsync(process, client));
            foreach (var (email, password) in credentials)
            {
                using var browser = new BrowserSession(client.BaseAddress);
                Assert.Equal(HttpStatusCode.Found, (await browser.SignInAsync(email, password)).StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex("sign in as (\\S+) with the password (\\S+)")]
    private static partial Regex Credentials();
}
