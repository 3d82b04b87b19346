using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP endpoint for webhooks, on Kestrel on a free loopback port: it records every request and answers as
/// the test says (<see cref="Reply"/>), so a test can make it fail, hang, answer 410 or 429 with Retry-After.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>One request as it arrived.</summary>
    public sealed record Received(string Path, IHeaderDictionary Headers, string Body, DateTimeOffset At)
    {
        public string Id => Headers["webhook-id"].ToString();

        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

        public string Type => (string)Json["type"]!;
    }

    /// <summary>How to answer: a status, and optionally a delay, a Retry-After, a Location, a body.</summary>
    public sealed record Answer(int Status, TimeSpan? Delay = null, string? RetryAfter = null, string? Location = null, string? Body = null);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Decides the answer to each request (default 204). Thread-safe as the test makes it.</summary>
    public Func<Received, Answer> Reply { get; set; } = _ => new Answer(204);

    public string Url(string path = "/hook") => $"{_app.Urls.First()}{path}";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            var received = new Received(context.Request.Path, headers, body, DateTimeOffset.UtcNow);
            receiver.Requests.Enqueue(received);
            var answer = receiver.Reply(received);
            if (answer.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            if (answer.Location is { } location)
            {
                context.Response.Headers.Location = location;
            }

            if (answer.Body is { } text)
            {
                await context.Response.WriteAsync(text, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits (at most 30 s) until <paramref name="done"/> holds for what arrived, and returns it.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var requests = Requests.ToList();
            if (done(requests))
            {
                return requests;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"The receiver never got {what}; it got: {string.Join(", ", requests.Select(r => r.Body.Length > 80 ? r.Body[..80] : r.Body))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
