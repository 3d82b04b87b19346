using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>The http connector's signed pushes taken once: a message sent again, at once or after a failure, is stored once.</summary>
public abstract partial class HttpConnectorTests
{
    [Fact]
    public async Task A_signed_alert_sent_again_within_the_window_is_answered_duplicate_and_stored_once()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret });
        var body = Json(new[] { new { deviceId, description = "Door open, no token" } });
        var id = $"msg_{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;

        var first = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, at, id);
        var again = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, at, id);
        var another = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, at);

        Assert.Equal("created", (string)(await first.ReadObjectAsArrayAsync())[0]!["status"]!);
        var duplicate = await again.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("duplicate", (string)duplicate["status"]!);
        Assert.Equal(id, (string)duplicate["webhookId"]!);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        var alerts = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)alerts["@odata.count"]!);
    }

    [Fact]
    public async Task Copies_of_a_signed_alert_sent_at_the_same_time_are_taken_once()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret });
        var body = Json(new[] { new { deviceId, description = "Pressure drop, no token" } });
        var id = $"msg_{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, at, id)));

        // One copy is taken; each other one is a duplicate, or (while the first is being stored) told to come back.
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.All(busy, a => Assert.True(a.Headers.RetryAfter is not null));
        Assert.Equal(6 - busy.Count, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5 - busy.Count, texts.Count(t => t.StartsWith("{\"status\":\"duplicate\"", StringComparison.Ordinal)));
        foreach (var _ in busy)
        {
            var later = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, at, id);
            Assert.Equal("duplicate", (string)(await later.ReadObjectAsync(HttpStatusCode.OK))["status"]!);
        }

        var alerts = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)alerts["@odata.count"]!);
    }

    [Fact]
    public async Task A_signed_state_push_sent_again_is_not_stored_again_and_a_failed_one_is_taken_when_retried()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret });
        var state = Json(new[] { new { deviceId, connectionState = "Connected", reportedProperties = new { firmware = "2.1" } } });
        var id = $"msg_{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;

        var first = await PostSignedAsync($"/api/v1/ingest/{instance}/state", state, _secret, at, id);
        var afterFirst = await DeviceVersionAsync(instance, deviceId);
        var again = await PostSignedAsync($"/api/v1/ingest/{instance}/state", state, _secret, at, id);
        var afterAgain = await DeviceVersionAsync(instance, deviceId);
        var refusedId = $"msg_{Guid.NewGuid():N}";
        var badBody = await PostSignedAsync($"/api/v1/ingest/{instance}/state", "{not json", _secret, at, refusedId);
        var retried = await PostSignedAsync($"/api/v1/ingest/{instance}/state", state, _secret, at.AddSeconds(1), refusedId);

        Assert.Equal("stored", (string)(await first.ReadObjectAsArrayAsync())[0]!["status"]!);
        Assert.Equal("duplicate", (string)(await again.ReadObjectAsync(HttpStatusCode.OK))["status"]!);
        Assert.Equal(afterFirst, afterAgain);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal("stored", (string)(await retried.ReadObjectAsArrayAsync())[0]!["status"]!);
        Assert.True(await DeviceVersionAsync(instance, deviceId) > afterAgain);
    }

    private async Task<long> DeviceVersionAsync(Guid instance, string deviceId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return await db.Devices.AsNoTracking().Where(d => d.ProviderInstanceId == instance && d.DeviceId == deviceId).Select(d => d.Version).SingleAsync();
    }

    [Fact]
    public async Task Remembered_message_ids_are_forgotten_once_their_signature_has_expired()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret });
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        db.Add(new ReceivedMessage { ProviderInstanceId = instance, MessageId = "msg_expired", ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-20), ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-10) });
        await db.SaveChangesAsync();

        var taken = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", Json(new[] { new { deviceId, description = "Filter clogged" } }), _secret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var left = await db.Set<ReceivedMessage>().AsNoTracking().Where(m => m.ProviderInstanceId == instance).Select(m => m.MessageId).ToListAsync();
        Assert.DoesNotContain("msg_expired", left);
        Assert.Single(left);
    }

    [Fact]
    public async Task A_message_whose_taker_died_before_storing_it_is_taken_by_the_retry()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret });
        var id = $"msg_{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            // What a process killed between claiming the message and storing it leaves behind: a claim that ran out.
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            db.Add(new ReceivedMessage { ProviderInstanceId = instance, MessageId = id, ReceivedAt = at.AddMinutes(-2), ExpiresAt = at.AddMinutes(5), ClaimedUntil = at.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }

        var retried = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", Json(new[] { new { deviceId, description = "Lost in a crash" } }), _secret, at, id);
        var again = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", Json(new[] { new { deviceId, description = "Lost in a crash" } }), _secret, at, id);

        Assert.Equal("created", (string)(await retried.ReadObjectAsArrayAsync())[0]!["status"]!);
        Assert.Equal("duplicate", (string)(await again.ReadObjectAsync(HttpStatusCode.OK))["status"]!);
    }
}
