using System.Net;
using System.Security.Cryptography;
using System.Text;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Connectors.AzureIoTHub.Tests;

/// <summary>
/// Tokens as IoT Hub's documentation makes them. The expected tokens were printed by the documentation's own Python
/// sample (iot-hub-dev-guide-sas, "Security token structure": quote_plus, HMAC-SHA256 of "{uri}\n{expiry}" keyed with
/// the base64-decoded key, urlencode) with its time() replaced by the fixed expiry.
/// </summary>
public sealed class SharedAccessSignatureTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_token_for_the_hub_matches_the_documentation_sample()
    {
        var token = SharedAccessSignature.Create("contoso-hub.azure-devices.net", "fieldlink", Key, DateTimeOffset.FromUnixTimeSeconds(1767225600));

        Assert.Equal("SharedAccessSignature sr=contoso-hub.azure-devices.net&sig=fzfizcRvXdPEoehsfaumBWI75lMYFspkAXR3zVcsevY%3D&se=1767225600&skn=fieldlink", token);
    }

    [Fact]
    public void A_resource_uri_with_a_path_and_a_space_is_encoded_before_signing_as_the_documentation_sample_does()
    {
        var token = SharedAccessSignature.Create("contoso-hub.azure-devices.net/devices/pump 7", "service", Key, DateTimeOffset.FromUnixTimeSeconds(1800000000));

        Assert.Equal("SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fpump+7&sig=gwo3hUuJGx9x%2BU95rhT5LAsj8IlJsTblt7YUPUndxps%3D&se=1800000000&skn=service", token);
    }

    [Fact]
    public void The_signature_is_the_HMAC_of_the_encoded_uri_and_expiry_with_the_decoded_key()
    {
        var token = SharedAccessSignature.Create("contoso-hub.azure-devices.net", "fieldlink", Key, DateTimeOffset.FromUnixTimeSeconds(1767225600));
        var sig = WebUtility.UrlDecode(token.Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))[4..]);

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.UTF8.GetBytes("contoso-hub.azure-devices.net\n1767225600")));
        var otherKey = Convert.ToBase64String(HMACSHA256.HashData(new byte[32], Encoding.UTF8.GetBytes("contoso-hub.azure-devices.net\n1767225600")));
        Assert.Equal(expected, sig);
        Assert.NotEqual(otherKey, sig);
    }

    [Fact]
    public void The_handler_keeps_its_token_while_it_has_more_than_the_renewal_margin_left_and_makes_a_new_one_after()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var handler = new SharedAccessSignatureHandler(new IoTHubCredentials("contoso-hub.azure-devices.net", "fieldlink", Key), time);

        var first = handler.CurrentToken();
        time.Advance(SharedAccessSignatureHandler.Lifetime - SharedAccessSignatureHandler.RenewBefore - TimeSpan.FromSeconds(1));
        var stillFirst = handler.CurrentToken();
        time.Advance(TimeSpan.FromSeconds(2));
        var renewed = handler.CurrentToken();

        Assert.Equal(first, stillFirst);
        Assert.NotEqual(first, renewed);
        Assert.Contains($"se={time.GetUtcNow().Add(SharedAccessSignatureHandler.Lifetime).ToUnixTimeSeconds()}", renewed, StringComparison.Ordinal);
    }
}
