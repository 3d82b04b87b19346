using System.Security.Cryptography;
using System.Text;
using Fieldlink.Sdk;
using StandardWebhooks;

namespace Fieldlink.Connectors.Http.Tests;

/// <summary>
/// The SDK's Standard Webhooks signing, which the http connector, Core's webhooks and the ingest check all use (the
/// SDK has no test project of its own): the same signatures as the reference library, and what Verify refuses.
/// </summary>
public sealed class StandardWebhookSignatureTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Sign_gives_the_reference_library_signature()
    {
        var secret = StandardWebhookSignature.NewSecret();

        Assert.Equal(new StandardWebhook(secret).Sign("msg_1", At, """{"a":1}"""), StandardWebhookSignature.Sign("msg_1", At, """{"a":1}""", secret));
    }

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var secret = StandardWebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, StandardWebhookSignature.KeyOf(secret)!.Length);
        Assert.Equal(StandardWebhookSignature.KeyOf(secret), StandardWebhookSignature.KeyOf(secret["whsec_".Length..]));
        Assert.NotEqual(secret, StandardWebhookSignature.NewSecret());
    }

    [Fact]
    public void With_two_secrets_each_signature_verifies_with_its_secret()
    {
        string current = StandardWebhookSignature.NewSecret(), previous = StandardWebhookSignature.NewSecret();

        var header = StandardWebhookSignature.Sign("msg_1", At, "{}", current, previous);

        Assert.Equal(2, header.Split(' ').Length);
        Assert.True(StandardWebhookSignature.Verify(current, "msg_1", Timestamp(At), "{}", header, At, Tolerance));
        Assert.True(StandardWebhookSignature.Verify(previous, "msg_1", Timestamp(At), "{}", header, At, Tolerance));
    }

    [Fact]
    public void Verify_refuses_another_secret_body_id_or_a_timestamp_out_of_tolerance()
    {
        var secret = StandardWebhookSignature.NewSecret();
        var header = StandardWebhookSignature.Sign("msg_1", At, "{}", secret);

        Assert.True(StandardWebhookSignature.Verify(secret, "msg_1", Timestamp(At), "{}", header, At.AddMinutes(-4), Tolerance));
        Assert.False(StandardWebhookSignature.Verify(StandardWebhookSignature.NewSecret(), "msg_1", Timestamp(At), "{}", header, At, Tolerance));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", Timestamp(At), "{ }", header, At, Tolerance));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_2", Timestamp(At), "{}", header, At, Tolerance));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", Timestamp(At), "{}", header, At.AddMinutes(6), Tolerance));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", Timestamp(At), "{}", header, At.AddMinutes(-6), Tolerance));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", "soon", "{}", header, At, Tolerance));
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_1", Timestamp(At), "{}", "v1,not-base64!", At, Tolerance));
    }

    [Fact]
    public void A_secret_that_is_not_base64_signs_nothing()
    {
        Assert.Null(StandardWebhookSignature.KeyOf("whsec_not base64!"));
        Assert.Throws<ArgumentException>(() => StandardWebhookSignature.Sign("msg_1", At, "{}", "whsec_not base64!"));
        Assert.False(StandardWebhookSignature.Verify("whsec_not base64!", "msg_1", Timestamp(At), "{}", "v1,AAAA", At, Tolerance));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_body_HMAC_verifies_as_hex_or_base64_with_or_without_its_prefix(bool base64, bool prefixed)
    {
        const string secret = "a plain shared secret";
        var body = Encoding.UTF8.GetBytes("""{"a":1}""");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        var header = (prefixed ? "sha256=" : string.Empty) + (base64 ? Convert.ToBase64String(mac) : Convert.ToHexString(mac));

        Assert.True(BodyHmacSignature.Verify(secret, body, header));
        Assert.False(BodyHmacSignature.Verify(secret, Encoding.UTF8.GetBytes("""{"a":2}"""), header));
        Assert.False(BodyHmacSignature.Verify("another shared secret", body, header));
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
