using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Server.Tests.Api.Webhooks;

/// <summary>
/// Retries on a fake clock, so the day-long schedule runs in seconds: the Standard Webhooks delays with jitter, a
/// 429's Retry-After honoured, a dead delivery after the last attempt and its subscription flagged.
/// </summary>
public sealed class WebhookRetryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly WebhookSqliteServer _server = new();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _server.WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        await _server.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await ((IAsyncLifetime)_server).DisposeAsync();
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_on_the_schedule_until_the_delivery_is_dead_and_the_subscription_flagged()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(500);
        var admin = _server.Client();
        var subscription = await SubscribeAndRaiseAsync(admin);

        for (var attempt = 1; attempt <= WebhookSchedule.MaxAttempts; attempt++)
        {
            var delivery = await Webhooks.WaitForDeliveryAsync(admin, subscription, d => (int)d["attempts"]! == attempt, $"attempted {attempt} times");
            Assert.Equal(attempt, _receiver.Requests.Count);
            if (attempt == WebhookSchedule.MaxAttempts)
            {
                Assert.Equal("Dead", (string)delivery["status"]!);
                break;
            }

            var delay = WebhookSchedule.Delays[attempt - 1];
            var wait = Time(delivery, "nextAttemptAt") - Time(delivery, "lastAttemptAt");
            Assert.InRange(wait, delay, delay * 1.1);

            // Not a moment before it is due.
            _clock.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await RoundAsync());
            DueNow(TimeSpan.FromMilliseconds(1));
        }

        Assert.Single(_receiver.Requests.Select(r => r.Id).Distinct());
        var flagged = await (await admin.GetAsync($"/api/v1/webhooks/{subscription}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.NotNull(flagged["failingSince"]);
        Assert.True((bool)flagged["enabled"]!);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_no_sooner_than_asked()
    {
        var answers = 0;
        _receiver.Reply = _ => Interlocked.Increment(ref answers) == 1 ? new WebhookReceiver.Answer(429, RetryAfter: "3600") : new WebhookReceiver.Answer(204);
        var admin = _server.Client();
        var subscription = await SubscribeAndRaiseAsync(admin);

        var first = await Webhooks.WaitForDeliveryAsync(admin, subscription, d => (int)d["attempts"]! == 1, "attempted once");
        Assert.Equal(429, (int)first["lastStatusCode"]!);
        Assert.Equal(TimeSpan.FromHours(1), Time(first, "nextAttemptAt") - Time(first, "lastAttemptAt"));

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await RoundAsync());
        DueNow(TimeSpan.FromMinutes(1));
        var done = await Webhooks.WaitForDeliveryAsync(admin, subscription, d => (string)d["status"]! == "Succeeded", "Succeeded");
        Assert.Equal(2, (int)done["attempts"]!);
        Assert.Equal(2, done["attemptLog"]!.AsArray().Count);
    }

    private async Task<Guid> SubscribeAndRaiseAsync(HttpClient admin)
    {
        var subscription = await Webhooks.SubscribeAsync(admin, _receiver.Url(), "alert.created");
        var instance = await Registry.VendorInstanceAsync(admin);
        await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = "rtu-1", description = "Compressor short-cycling" });
        return subscription.Id();
    }

    /// <summary>One dispatcher round now, besides the background one: how many deliveries were due.</summary>
    /// <summary>
    /// Moves the clock on to when the delivery is due, and wakes the dispatcher as its poll would: the poll waits on
    /// the same fake clock, which moved less than a poll interval since the dispatcher last looked.
    /// </summary>
    private void DueNow(TimeSpan rest)
    {
        _clock.Advance(rest);
        _server.Services.GetRequiredService<WebhookSignal>().Notify();
    }

    private async Task<int> RoundAsync() => await _server.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);

    private static DateTimeOffset Time(JsonObject delivery, string field) => DateTimeOffset.Parse((string)delivery[field]!, System.Globalization.CultureInfo.InvariantCulture);
}
