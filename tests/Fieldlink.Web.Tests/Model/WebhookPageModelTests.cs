using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

/// <summary>What the webhook and dead-letter pages work out without a store: a subscription's warning, the form's event types, a payload's text.</summary>
public sealed class WebhookPageModelTests
{
    [Fact]
    public void A_subscription_warns_only_while_failing_and_says_why()
    {
        var healthy = Row();

        Assert.Null(healthy.Warning);
        Assert.Equal("A delivery ran out of retries; it is failing until a delivery succeeds again. 2 deliveries died in the last 24 hours.",
            (healthy with { FailingSince = DateTimeOffset.UtcNow, DeadRecently = 2 }).Warning);
        Assert.Equal("1 delivery is being retried after failed attempts.", (healthy with { Retrying = 1 }).Warning);
        Assert.StartsWith("Fieldlink disabled it: gone", (healthy with { DisabledReason = "gone" }).Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_form_sends_all_events_when_none_or_all_are_ticked_and_the_ticked_types_otherwise()
    {
        Assert.Equal([WebhookEventTypes.All], new WebhookForm { Url = "https://example.com", EventTypes = [] }.ToWrite().EventTypes);
        Assert.Equal([WebhookEventTypes.All], new WebhookForm { EventTypes = [WebhookEventTypes.AlertCreated, WebhookEventTypes.All] }.ToWrite().EventTypes);
        Assert.Equal(
            [WebhookEventTypes.AlertCreated, WebhookEventTypes.CaseCreated],
            new WebhookForm { EventTypes = [WebhookEventTypes.CaseCreated, WebhookEventTypes.AlertCreated] }.ToWrite().EventTypes);
        Assert.Equal("All events", Row().EventTypesText);
    }

    [Fact]
    public void A_json_payload_is_indented_and_anything_else_shown_as_received()
    {
        Assert.Equal(("{\n  \"t\": \"é\"\n}", true), Normalized(PayloadText.Format("{\"t\":\"é\"}")));
        Assert.Equal(("temp=20;", false), PayloadText.Format("temp=20;"));
        Assert.Equal(("{\"t\": 1", false), PayloadText.Format("{\"t\": 1"));
        Assert.Equal(("(empty)", false), PayloadText.Format(""));
    }

    [Fact]
    public void A_delivery_answer_reads_as_status_and_body_or_the_error()
    {
        var delivery = new WebhookDeliveryRow(Guid.NewGuid(), "msg_1", "alert.created", WebhookDeliveryStatus.Dead, 8, 8, 500, "HTTP 500", "boom", null, null, null, DateTimeOffset.UtcNow);

        Assert.Equal("500 · boom", delivery.Answer);
        Assert.Equal("500 · HTTP 500", (delivery with { Response = "" }).Answer);
        Assert.Equal("Connection refused", (delivery with { LastStatusCode = null, LastError = "Connection refused", Response = null }).Answer);
        Assert.Equal("—", (delivery with { LastStatusCode = null, LastError = null, Response = null }).Answer);
        Assert.True(delivery.MayRedeliver);
        Assert.False((delivery with { Status = WebhookDeliveryStatus.Pending }).MayRedeliver);
    }

    private static (string, bool) Normalized((string Text, bool IsJson) formatted) => (formatted.Text.ReplaceLineEndings("\n"), formatted.IsJson);

    private static WebhookRow Row() => new(
        Guid.NewGuid(), "https://example.com/hook", [WebhookEventTypes.All], true, null, null, null, null, DateTimeOffset.UtcNow, 1, null, null, null, 0, 0);
}
