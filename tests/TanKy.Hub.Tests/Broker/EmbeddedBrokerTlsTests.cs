using System.Globalization;
using TanKy.Hub.Broker;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broker;

public sealed class EmbeddedBrokerTlsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Tls_listener_serves_pfx_or_combined_pem_certificates(bool pfx)
    {
        using var dir = new TempDataDir();
        using var certs = new TestCertificates(dir.Path);
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.Tls = new BrokerTlsOptions
        {
            Enabled = true,
            Port = 0,
            CertificateFile = pfx ? certs.PfxFile : certs.CombinedPemFile,
            CertificatePassword = pfx ? TestCertificates.PfxPassword : null,
        });
        broker.Broker.TlsPort.Should().NotBe(0).And.NotBe(broker.Port);

        string? presented = null;
        await using var device = await TestMqttClient.ConnectAsync(broker.Broker.TlsPort, "dev-a", "dev-a", "secret-a", configure: b => b.WithTlsOptions(t => t
            .UseTls()
            .WithCertificateValidationHandler(c =>
            {
                presented = c.Certificate.GetCertHashString();
                return true;
            })));
        presented.Should().Be(certs.Certificate.GetCertHashString());

        // An independent client that really verifies the chain against the certificate.
        var pub = await MosquittoClients.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", broker.Broker.TlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", certs.CertPemFile,
             "-i", "dev-a", "-u", "dev-a", "-P", "secret-a", "-t", Topic("event"), "-m", Event, "-q", "1", "-V", "mqttv5"]);
        pub.ExitCode.Should().Be(0, pub.ToString());
        pub.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_certificate_file_fails_the_start_with_its_path()
    {
        var start = () => EmbeddedBrokerHarness.StartAsync(o => o.Tls = new BrokerTlsOptions { Enabled = true, Port = 0, CertificateFile = "/nonexistent/cert.pem" });

        await start.Should().ThrowAsync<FileNotFoundException>().WithMessage("*/nonexistent/cert.pem*");
    }
}

public sealed class EmbeddedBrokerTlsBindTests
{
    [Fact]
    public async Task The_tls_listener_can_face_another_address_than_the_plain_one()
    {
        using var dir = new TempDataDir();
        using var certs = new TestCertificates(dir.Path);

        // 127.0.0.2 stands for the LAN address: Linux answers on all of 127.0.0.0/8.
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o =>
        {
            o.BindAddress = "127.0.0.1";
            o.Tls = new BrokerTlsOptions { Enabled = true, Port = 0, BindAddress = "127.0.0.2", CertificateFile = certs.CombinedPemFile };
        });

        using var tls = new System.Net.Sockets.TcpClient();
        await tls.ConnectAsync("127.0.0.2", broker.Broker.TlsPort);
        using var plainOnLan = new System.Net.Sockets.TcpClient();
        var refused = () => plainOnLan.ConnectAsync("127.0.0.2", broker.Port);
        await refused.Should().ThrowAsync<System.Net.Sockets.SocketException>("the plain listener stays on loopback");
        using var tlsOnLoopback = new System.Net.Sockets.TcpClient();
        var notThere = () => tlsOnLoopback.ConnectAsync("127.0.0.1", broker.Broker.TlsPort);
        await notThere.Should().ThrowAsync<System.Net.Sockets.SocketException>();
    }
}
