using System.Net;
using System.Security.Cryptography.X509Certificates;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Https;

/// <summary>
/// The phone certificate page and its download over plain HTTP, anonymous: the CA certificate as
/// <c>application/x-x509-ca-cert</c>, never a key, even when the configured file holds one; the
/// page's Android and iPhone steps; and with <c>Http:RedirectToHttps</c> console pages go to HTTPS
/// while the certificate page and the API stay on HTTP.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CertificatePage_Tests
{
    [Fact]
    public async Task The_download_is_the_ca_certificate_only_even_when_its_file_also_holds_the_key()
    {
        using var ca = new LocalCa();
        await using var hub = await ConsoleHub.StartAsync(settings: ca.HubSettings(withKeyInCaFile: true));
        using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri("/certificate/tanky-ca.crt", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-x509-ca-cert");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("tanky-ca.crt");
        var body = await response.Content.ReadAsByteArrayAsync();
        body.Should().Equal(ca.Ca.RawData, "the certificate alone, DER-encoded");
        using var served = X509CertificateLoader.LoadCertificate(body);
        served.HasPrivateKey.Should().BeFalse();
        var text = System.Text.Encoding.Latin1.GetString(body);
        text.Should().NotContain("PRIVATE KEY");
        body.AsSpan().IndexOf(ca.CaPrivateScalar).Should().Be(-1, "the key's secret bytes are not served in any form");
    }

    [Fact]
    public async Task The_page_explains_android_and_iphone_in_vietnamese_and_links_the_download_and_https()
    {
        using var ca = new LocalCa();
        await using var hub = await ConsoleHub.StartAsync(settings: ca.HubSettings());
        using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };

        var html = await anonymous.GetStringAsync(new Uri("/certificate", UriKind.Relative));

        html.Should().Contain("Cài chứng chỉ cho điện thoại").And.Contain("href=\"/certificate/tanky-ca.crt\"")
            .And.Contain("Cài đặt → Cài đặt chung → Giới thiệu → Cài đặt tin cậy chứng nhận")
            .And.Contain("Chứng chỉ CA").And.Contain($"https://127.0.0.1:{hub.Port("https")}/")
            .And.NotContain("PRIVATE KEY");
    }

    [Fact]
    public async Task Without_a_local_ca_there_is_nothing_to_download_and_the_page_says_so()
    {
        using var ca = new LocalCa();
        var settings = ca.HubSettings();
        settings["Http:CaCertificateFile"] = ca.ServerPemFile; // a server certificate is not a CA: refused, never served
        await using var hub = await ConsoleHub.StartAsync(settings: settings);
        using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };

        (await anonymous.GetAsync(new Uri("/certificate/tanky-ca.crt", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetStringAsync(new Uri("/certificate", UriKind.Relative))).Should().Contain("id=\"cert-none\"");
    }

    [Fact]
    public async Task With_the_redirect_console_pages_go_to_https_and_the_certificate_and_api_stay_on_http()
    {
        using var ca = new LocalCa();
        await using var hub = await ConsoleHub.StartAsync(settings: ca.HubSettings(redirect: true));
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = hub.BaseAddress };

        using var login = await anonymous.GetAsync(new Uri("/login?returnUrl=%2Ftalk", UriKind.Relative));
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location.Should().Be(new Uri($"https://127.0.0.1:{hub.Port("https")}/login?returnUrl=%2Ftalk"));

        (await anonymous.GetAsync(new Uri("/certificate", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync(new Uri("/certificate/tanky-ca.crt", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync(new Uri("/api/v1/devices", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API answers on HTTP (devices, CLI), it is not redirected");
    }
}
