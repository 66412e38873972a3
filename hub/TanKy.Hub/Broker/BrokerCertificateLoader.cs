using System.Security.Cryptography.X509Certificates;

namespace TanKy.Hub.Broker;

/// <summary>Loads the TLS listener's certificate: PKCS#12 for <c>.pfx</c>/<c>.p12</c>, otherwise a PEM file with certificate and key.</summary>
public static class BrokerCertificateLoader
{
    public static X509Certificate2 Load(BrokerTlsOptions tls)
    {
        var path = tls.CertificateFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("Broker:Tls:Enabled is true but Broker:Tls:CertificateFile is not set");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Broker TLS certificate file not found: {path}", path);
        }

        var certificate = IsPkcs12(path)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword)
            : string.IsNullOrEmpty(tls.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, tls.CertificatePassword);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"Broker TLS certificate {path} has no private key");
        }

        return certificate;
    }

    public static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";
}
