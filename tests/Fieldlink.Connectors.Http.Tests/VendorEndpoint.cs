using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Http.Tests;

/// <summary>
/// The vendor's command receiver, on Kestrel on a free loopback port: it records every request and answers as the
/// test says (<see cref="Reply"/>).
/// </summary>
public sealed class VendorEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VendorEndpoint(WebApplication app) => _app = app;

    /// <summary>One request as it arrived.</summary>
    public sealed record Received(string Method, string Path, IHeaderDictionary Headers, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status and body to answer with (default 204, no body).</summary>
    public Func<Received, (int Status, string? Body)> Reply { get; set; } = _ => (204, null);

    public Uri Url(string path = "/commands") => new($"{_app.Urls.First()}{path}");

    public static async Task<VendorEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new VendorEndpoint(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            var received = new Received(context.Request.Method, context.Request.Path, headers, body);
            endpoint.Requests.Enqueue(received);
            var (status, text) = endpoint.Reply(received);
            context.Response.StatusCode = status;
            if (text is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(text, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
