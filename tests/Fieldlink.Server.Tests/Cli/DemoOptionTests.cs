using System.Net;
using System.Net.Http.Headers;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Cli;

/// <summary><c>fieldlink serve --demo</c> run as a process, as the README has a new user run it.</summary>
public sealed class DemoOptionTests
{
    [Fact]
    public async Task Serve_with_demo_seeds_twenty_simulated_devices()
    {
        using var dataDir = new TempDirectory();
        var port = FieldlinkProcess.FreePort();
        const string key = "flk_demo-option-test-key";

        // Arguments the command line does not know go to the configuration, as for any ASP.NET Core host. The demo's
        // embedded broker gets a free port rather than 1883, which another broker on the machine may hold.
        using var process = FieldlinkProcess.Start(
            "serve", "--demo", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path, "--mqtt-broker", $"embedded:{FieldlinkProcess.FreePort()}", $"--ADMIN_KEY={key}");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 150 && response?.StatusCode != HttpStatusCode.OK && !process.HasExited; attempt++)
            {
                try
                {
                    response = await client.GetAsync("/api/v1/devices?$filter=simulated eq true&$count=true");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.NotNull(response);
            var page = await response.ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal(20, (int)page["@odata.count"]!);
            var mqtt = await (await client.GetAsync("/api/v1/devices?$filter=startswith(deviceId, 'mqtt-')&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal(3, (int)mqtt["@odata.count"]!);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
