using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TanKy.Hub.Broker;
using TanKy.Hub.Tests.Broker;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Web;

/// <summary>
/// The real hub serving HTTPS and MQTT over TLS with a self-signed certificate made in the test;
/// clients that trust that certificate (and validate the chain and the name) get in, clients
/// that do not are refused by their own TLS layer.
/// </summary>
public sealed class Tls_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private TestCertificates _certs = null!;
    private TestHub _hub = null!;
    private Uri _https = null!;

    public async Task InitializeAsync()
    {
        _certs = new TestCertificates(_dir.Path);
        _hub = await TestHub.StartAsync(_dir.Path, settings: new Dictionary<string, string>
        {
            ["Http:Urls"] = "http://127.0.0.1:0;https://127.0.0.1:0",
            ["Http:CertificateFile"] = _certs.CombinedPemFile,
            ["Broker:Tls:Enabled"] = "true",
            ["Broker:Tls:Port"] = "0",
            ["Broker:Tls:CertificateFile"] = _certs.PfxFile,
            ["Broker:Tls:CertificatePassword"] = TestCertificates.PfxPassword,
        });

        // The port Kestrel bound; the name the certificate is for.
        var bound = _hub.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).Single(u => u.Scheme == Uri.UriSchemeHttps);
        _https = new UriBuilder(bound) { Host = "localhost" }.Uri;
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _certs.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Https_serves_the_configured_certificate_to_a_validating_client()
    {
        using var trusting = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = TrustOnly(_certs.Certificate) } }) { BaseAddress = _https };
        var health = await trusting.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("status").GetString().Should().Be("ok");

        using var stranger = new HttpClient { BaseAddress = _https };
        var untrusted = () => stranger.GetAsync(new Uri("/health", UriKind.Relative));
        await untrusted.Should().ThrowAsync<HttpRequestException>("a client that does not trust the certificate refuses the connection");
    }

    [Fact]
    public async Task Mqtt_over_tls_serves_the_configured_certificate_to_a_validating_device()
    {
        var secret = _dir.SeedTwoHamlets().SpeakerA;
        var tlsPort = (await _hub.Get<IBrokerAddress>().WaitListeningAsync(CancellationToken.None)).Tls!.Port;
        tlsPort.Should().NotBe(0, "Broker:Tls:Port=0 reports the port the OS chose");

        await using var device = await TestMqttClient.ConnectAsync(tlsPort, "loa-khoi-1-a", "loa-khoi-1-a", secret, configure: b => b.WithTlsOptions(t => t
            .UseTls()
            .WithTargetHost("localhost")
            .WithCertificateValidationHandler(c => TrustOnly(_certs.Certificate)(this, c.Certificate, c.Chain, c.SslPolicyErrors))));
        device.Client.IsConnected.Should().BeTrue();

        using var stranger = new MqttClientFactory().CreateMqttClient();
        var untrusted = () => stranger.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", tlsPort).WithClientId("loa-khoi-1-a").WithCredentials("loa-khoi-1-a", secret)
            .WithTlsOptions(t => t.UseTls().WithTargetHost("localhost")).Build());
        (await untrusted.Should().ThrowAsync<MQTTnet.Exceptions.MqttCommunicationException>("the default validation does not trust a self-signed certificate"))
            .WithInnerException<System.Security.Authentication.AuthenticationException>();
    }

    /// <summary>Full validation (chain and host name) with <paramref name="root"/> as the only trusted root, as a device pinning the commune CA does.</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 root) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };
}
