using System.Net;
using Fieldlink.Server.Hosting;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fieldlink.Server.Tests.Hosting;

public sealed class FirstRequestMiddlewareTests
{
    [Fact]
    public async Task The_middleware_is_added_by_the_first_request_once_and_keeps_its_place()
    {
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        var order = new List<string>();
        var added = 0;
        app.Use((context, next) => { order.Add("before"); return next(context); });
        app.UseOnFirstRequest(deferred =>
        {
            added++;
            deferred.Use((context, next) => { order.Add("deferred"); return next(context); });
        });
        app.Run(context => { order.Add("after"); return Task.CompletedTask; });
        var pipeline = app.Build();
        Assert.Equal(0, added);

        await pipeline(new DefaultHttpContext());
        await pipeline(new DefaultHttpContext());

        Assert.Equal(1, added);
        Assert.Equal(["before", "deferred", "after", "before", "deferred", "after"], order);
    }

    [Fact]
    public void The_marks_are_those_UseAuthorization_and_UseAntiforgery_set_so_the_host_adds_no_copies_of_its_own()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorization().AddAntiforgery().BuildServiceProvider();

        var authorization = new ApplicationBuilder(services);
        authorization.UseAuthorization();
        var antiforgery = new ApplicationBuilder(services);
        antiforgery.UseAntiforgery();

        Assert.True(authorization.Properties.ContainsKey(FirstRequestMiddleware.AuthorizationMark), "UseAuthorization() sets another mark now");
        Assert.True(antiforgery.Properties.ContainsKey(FirstRequestMiddleware.AntiforgeryMark), "UseAntiforgery() sets another mark now");
    }

    /// <summary>
    /// The point of it: a server answering only health probes has not built the web app's endpoints (Blazor's hub is
    /// what loads Http.Connections.Common) nor loaded OpenSSL (antiforgery's cookie name is a SHA-256 hash); the first
    /// page does both and is answered as before. Read from the process's mappings, so Linux only, as the server is.
    /// </summary>
    [Fact]
    public async Task A_server_answering_health_probes_only_has_not_made_what_pages_need_and_the_first_page_makes_it()
    {
        using var dataDir = new TempDirectory();
        var port = FieldlinkProcess.FreePort();
        using var process = FieldlinkProcess.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path);
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.True(await FieldlinkProcess.WaitUntilHealthyAsync(process, client), "fieldlink serve did not become healthy");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

            var idle = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");
            Assert.DoesNotContain("Microsoft.AspNetCore.Http.Connections.Common.dll", idle, StringComparison.Ordinal);
            Assert.DoesNotContain("libcrypto", idle, StringComparison.Ordinal);

            using var page = new HttpRequestMessage(HttpMethod.Get, "/devices");
            page.Headers.Accept.ParseAdd("text/html");
            var response = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/signin", response.Headers.Location!.AbsolutePath);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/devices")).StatusCode);

            var serving = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");
            Assert.Contains("Microsoft.AspNetCore.Http.Connections.Common.dll", serving, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
