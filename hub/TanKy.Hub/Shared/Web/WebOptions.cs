
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
}
