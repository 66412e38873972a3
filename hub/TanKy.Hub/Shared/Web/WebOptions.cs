
namespace TanKy.Hub.Shared.Web;

/// <summary>HTTP settings (section <c>Http</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Http";

    /// <summary>Where the API and console listen. Keep it on loopback unless a TLS proxy or certificate is in front.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// Certificate for <c>https://</c> URLs: a combined PEM (certificate chain + key, as Let's
    /// Encrypt's fullchain.pem and privkey.pem concatenated) or a PKCS#12 file; see security.md.
    /// </summary>
    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The public certificate of the local certificate authority that signed <see cref="CertificateFile"/>
    /// (install.sh's /etc/tanky/tls/ca.crt): phones download it from the console page
    /// <c>/certificate</c>. Only the certificate is ever read from it, never a key. Empty with a
    /// real (publicly trusted) certificate: then the page says no installation is needed.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// Console pages asked for over plain HTTP are redirected to the HTTPS address (same host name,
    /// the port of the https:// entry of <see cref="Urls"/>). The HTTP API, /health, /metrics,
    /// static files and the certificate page stay on HTTP: devices and the CLI use it, and a phone
    /// needs the CA certificate before it can trust HTTPS.
    /// </summary>
    public bool RedirectToHttps { get; set; }
}
