using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// The HTTP baselines' server: Kestrel in this process, as Fieldlink's is, answering every POST with 200 and <c>[]</c>
/// after reading its whole body and doing nothing with it. The same client sending the same bodies to it measures what
/// the machine, the client and HTTP itself cost, so Fieldlink's figure beside it is what Fieldlink adds.
/// </summary>
public sealed class NullEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NullEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:port/</c>; every path answers.</summary>
    public Uri Address { get; }

    public static async Task<NullEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var buffer = new byte[16 * 1024];
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted) > 0)
            {
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("[]", http.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new NullEndpoint(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
