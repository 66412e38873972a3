using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Web.Https;

/// <summary>
/// The local certificate authority's public certificate (<c>Http:CaCertificateFile</c>) that phones
/// install. What is served is the certificate re-encoded from the parsed X.509 object (DER): a PEM
/// file that also held a private key, or any other bytes of the file, can never reach a browser.
/// A certificate that is not a CA is refused (it would be useless to install, and is a sign the
/// setting names the wrong file).
/// </summary>
public sealed class CaCertificate
{
    private readonly Lazy<Loaded?> _loaded;

    public CaCertificate(IOptions<WebOptions> options, ILogger<CaCertificate> logger) =>
        _loaded = new Lazy<Loaded?>(() => Load(options.Value.CaCertificateFile, logger));

    /// <summary>The certificate as DER bytes (what <c>application/x-x509-ca-cert</c> carries), or null when none is configured.</summary>
    public byte[]? Der => _loaded.Value?.Der;

    /// <summary>SHA-256 fingerprint as "AB:CD:…", for comparing with what the phone shows.</summary>
    public string? Fingerprint => _loaded.Value?.Fingerprint;

    public string? Subject => _loaded.Value?.Subject;

    public DateTimeOffset? NotAfter => _loaded.Value?.NotAfter;

    private static Loaded? Load(string? path, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            using var certificate = text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text.AsSpan(text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)))
                : X509CertificateLoader.LoadCertificate(bytes);
            var isCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
            if (!isCa)
            {
                logger.LogWarning("Http:CaCertificateFile {Path} is not a CA certificate; the certificate page offers no download", path);
                return null;
            }

            var der = certificate.Export(X509ContentType.Cert);
            var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(der));
            return new Loaded(der, string.Join(':', fingerprint.Chunk(2).Select(c => new string(c))), certificate.GetNameInfo(X509NameType.SimpleName, false), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            logger.LogWarning("Http:CaCertificateFile {Path} cannot be read as a certificate: {Error}", path, ex.Message);
            return null;
        }
    }

    private sealed record Loaded(byte[] Der, string Fingerprint, string Subject, DateTimeOffset NotAfter);
}
