using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fieldlink.Testing;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>TLS to a Mosquitto broker that requires client certificates, with certificates made for the test.</summary>
public sealed class MqttTlsTests
{
    [Fact]
    public async Task The_connector_trusts_the_given_CA_presents_its_client_certificate_and_receives_over_TLS()
    {
        var pki = TestPki.Create();
        var (ca, server, serverKey) = (pki.Ca.ExportCertificatePem(), pki.Server.ExportCertificatePem(), pki.ServerKey.ExportPkcs8PrivateKeyPem());
        var directory = Path.Combine(Path.GetTempPath(), "fieldlink-tls-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), ca);
            await File.WriteAllTextAsync(Path.Combine(directory, "server.pem"), server);
            await File.WriteAllTextAsync(Path.Combine(directory, "server.key"), serverKey);
            await using var broker = await Mosquitto.StartAsync($"""
                cafile {directory}/ca.pem
                certfile {directory}/server.pem
                keyfile {directory}/server.key
                require_certificate true
                """);
            var sink = new RecordingSink();
            MqttSettings Settings(string? caPem) => new()
            {
                Host = "127.0.0.1",
                Port = broker.Port,
                UseTls = true,
                CaCertificate = caPem,
                ClientCertificate = pki.Client.ExportCertificatePem(),
                ClientKey = pki.ClientKey.ExportPkcs8PrivateKeyPem(),
                ReconnectMinDelayMilliseconds = 50,
                ReconnectMaxDelayMilliseconds = 200,
            };

            // A broker whose certificate the given CA did not sign is not trusted.
            await using (var untrusting = await Broker.OpenAsync(Settings(TestPki.Create().Ca.ExportCertificatePem()), new RecordingSink()))
            {
                Assert.False(untrusting.IsConnected);
            }

            await using var instance = await Broker.OpenAsync(Settings(ca), sink);
            Assert.True(instance.IsConnected);
            var (exitCode, output) = await broker.PublishAsync(
                "--cafile", $"{directory}/ca.pem", "--cert", Write(directory, "client.pem", pki.Client.ExportCertificatePem()),
                "--key", Write(directory, "client.key", pki.ClientKey.ExportPkcs8PrivateKeyPem()),
                "-q", "1", "-t", "devices/pump-1/telemetry", "-m", """{"temperature": 20}""");
            Assert.True(exitCode == 0, output);
            await sink.WaitForAsync(s => s.Telemetry.Count == 1, "the reading over TLS");
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A CA, and a server (127.0.0.1) and a client certificate it signed.</summary>
    private sealed record TestPki(X509Certificate2 Ca, X509Certificate2 Server, RSA ServerKey, X509Certificate2 Client, RSA ClientKey)
    {
        public static TestPki Create()
        {
            var now = DateTimeOffset.UtcNow;
            var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest("CN=Fieldlink test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
            var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
            var (server, serverKey) = Issue(ca, "CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", now, san: true);
            var (client, clientKey) = Issue(ca, "CN=fieldlink", "1.3.6.1.5.5.7.3.2", now, san: false);
            return new TestPki(ca, server, serverKey, client, clientKey);
        }

        private static (X509Certificate2, RSA) Issue(X509Certificate2 ca, string subject, string usage, DateTimeOffset now, bool san)
        {
            var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            if (san)
            {
                var names = new SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                names.AddDnsName("localhost");
                request.CertificateExtensions.Add(names.Build());
            }

            using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(8));
            return (certificate.CopyWithPrivateKey(key), key);
        }
    }
}
