using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>Builds the MQTTnet client options from an instance's settings.</summary>
internal static class ClientOptions
{
    public static MqttClientOptions Build(MqttSettings settings, string clientId)
    {
        var v5 = settings.MqttVersion == "5";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        builder = v5
            ? builder.WithCleanStart(!settings.PersistentSession).WithSessionExpiryInterval(settings.PersistentSession ? (uint)settings.SessionExpirySeconds : 0)
            : builder.WithCleanSession(!settings.PersistentSession);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            builder = builder.WithCredentials(settings.Username, settings.Password);
        }

        if (settings.UseTls)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (settings.ClientCertificate is { } certificate && settings.ClientKey is { } key)
                {
                    tls.WithClientCertificates([X509Certificate2.CreateFromPem(certificate, key)]);
                }

                if (settings.CaCertificate is { } ca)
                {
                    var authority = X509Certificate2.CreateFromPem(ca);
                    tls.WithCertificateValidationHandler(args => TrustedBy(authority, args.Certificate, args.SslPolicyErrors));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>The broker's certificate is valid for its name and chains to <paramref name="authority"/>.</summary>
    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
