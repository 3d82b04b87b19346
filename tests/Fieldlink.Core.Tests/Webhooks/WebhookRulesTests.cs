using System.Net;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Tests.Webhooks;

/// <summary>The rules under webhook delivery: the schedule's edges, Retry-After's cap, the lease; and the outbound guard's: which addresses are internal, which hosts are allowed.</summary>
public sealed class WebhookRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(9, 86400)]
    public void NextAttempt_waits_the_scheduled_delay_stretched_by_at_most_the_jitter(int failedAttempts, int seconds)
    {
        var delay = TimeSpan.FromSeconds(seconds);

        Assert.Equal(Now + delay, WebhookSchedule.NextAttempt(failedAttempts, Now, null, 0.1, 0.0));
        Assert.Equal(Now + (delay * 1.05), WebhookSchedule.NextAttempt(failedAttempts, Now, null, 0.1, 0.5));
    }

    [Fact]
    public void NextAttempt_after_the_tenth_failure_is_none()
    {
        Assert.Equal(10, WebhookSchedule.MaxAttempts);
        Assert.Null(WebhookSchedule.NextAttempt(10, Now, null, 0.1, 0.5));
    }

    [Fact]
    public void NextAttempt_honours_a_longer_Retry_After_up_to_a_day_and_ignores_a_shorter_one()
    {
        Assert.Equal(Now + TimeSpan.FromMinutes(10), WebhookSchedule.NextAttempt(1, Now, TimeSpan.FromMinutes(10), 0.1, 0.0));
        Assert.Equal(Now + TimeSpan.FromHours(24), WebhookSchedule.NextAttempt(1, Now, TimeSpan.FromDays(3), 0.1, 0.0));
        Assert.Equal(Now + TimeSpan.FromMinutes(5), WebhookSchedule.NextAttempt(2, Now, TimeSpan.FromSeconds(1), 0.1, 0.0));
    }

    [Fact]
    public void Lease_outlasts_a_batch_whose_every_attempt_times_out()
    {
        Assert.Equal(TimeSpan.FromSeconds((7 * 15) + 30), WebhookDispatcher.Lease(new WebhookOptions()));
        Assert.Equal(TimeSpan.FromMinutes(10), WebhookDispatcher.Lease(new WebhookOptions { LeaseDuration = TimeSpan.FromMinutes(10) }));
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.215.14", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("127.0.0.2", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.127.0.1", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("::ffff:192.168.1.1", true)]
    [InlineData("::ffff:8.8.8.8", true)] // every IPv4-embedding form is refused, whatever the IPv4 address (issue 9)
    [InlineData("::127.0.0.1", true)]
    [InlineData("::8.8.8.8", true)]
    [InlineData("::", true)]
    [InlineData("::ffff:0:8.8.8.8", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("64:ff9b:1::1", true)]
    [InlineData("2002:808:808::1", true)]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("100::1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    [InlineData("255.255.255.255", true)]
    [InlineData("0.0.0.0", true)]
    public void IsInternal_tells_loopback_link_local_private_and_IPv4_embedding_addresses(string address, bool expected) =>
        Assert.Equal(expected, OutboundGuard.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://[::127.0.0.1]/")]
    [InlineData("http://[0:0:0:0:0:ffff:7f00:1]/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/")]
    public async Task RefuseAsync_refuses_every_way_of_writing_an_internal_IPv4_address(string url)
    {
        var guard = new OutboundGuard(Options.Create(new OutboundOptions()));

        Assert.NotNull(await guard.RefuseAsync(new Uri(url), CancellationToken.None));
    }

    [Fact]
    public void Outbound_AllowedHosts_and_its_alias_Webhooks_AllowedHosts_both_count()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbound:AllowedHosts:0"] = "hooks.internal", ["Webhooks:AllowedHosts:0"] = "127.0.0.1" })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddOutbound()
            .BuildServiceProvider();

        var guard = services.GetRequiredService<OutboundGuard>();

        Assert.True(guard.IsAllowedHost("hooks.internal"));
        Assert.True(guard.IsAllowedHost("127.0.0.1"));
        Assert.False(guard.IsAllowedHost("localhost"));
    }

    [Fact]
    public async Task RefuseAsync_names_a_host_longer_than_DNS_allows_and_keeps_a_name_that_does_not_resolve_only_when_asked()
    {
        var guard = new OutboundGuard(Options.Create(new OutboundOptions()));
        var longHost = new Uri($"https://{string.Join('.', Enumerable.Repeat(new string('a', 60), 5))}.example/x");
        var nowhere = new Uri("https://no-such-host.invalid/x");

        Assert.Contains("255", await guard.RefuseAsync(longHost, CancellationToken.None), StringComparison.Ordinal);
        Assert.Contains("cannot be resolved", await guard.RefuseAsync(nowhere, CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await guard.RefuseAsync(nowhere, mustResolve: false, CancellationToken.None));
    }

    [Fact]
    public async Task RefuseAsync_lets_an_allowed_host_through_and_no_other_name_for_it()
    {
        var options = new OutboundOptions();
        options.AllowedHosts.Add("[::1]");
        options.AllowedHosts.Add(" 127.0.0.1 ");
        var guard = new OutboundGuard(Options.Create(options));

        Assert.Null(await guard.RefuseAsync(new Uri("http://[::1]:8080/x"), CancellationToken.None));
        Assert.Null(await guard.RefuseAsync(new Uri("http://127.0.0.1/x"), CancellationToken.None));
        Assert.Contains("Outbound:AllowedHosts", await guard.RefuseAsync(new Uri("http://localhost/x"), CancellationToken.None), StringComparison.Ordinal);
        Assert.NotNull(await guard.RefuseAsync(new Uri("http://user:pw@127.0.0.1/x"), CancellationToken.None));
    }

    [Fact]
    public void A_signature_verifies_with_its_secret_only_and_within_the_tolerance()
    {
        var secret = StandardWebhookSignature.NewSecret();
        var header = StandardWebhookSignature.Sign("msg_1", Now, "{}", secret);
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(StandardWebhookSignature.Verify(secret, "msg_1", timestamp, "{}", header, Now.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", timestamp, "{}", header, Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", timestamp, "{ }", header, Now, TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhookSignature.Verify(StandardWebhookSignature.NewSecret(), "msg_1", timestamp, "{}", header, Now, TimeSpan.FromMinutes(5)));
    }
}
