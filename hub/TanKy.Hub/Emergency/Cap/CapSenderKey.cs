using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The public key a sender signs its alerts with, as registered: an RSA public key (PEM
/// <c>PUBLIC KEY</c> / <c>RSA PUBLIC KEY</c>) or a certificate (PEM or DER), of which only the key
/// is kept. The key is pinned: certificate chains and validity dates are not checked, because a
/// commune hub has no reliable path to the issuing CA and must not stop airing when a certificate
/// lapses; replacing the key is `cap senders remove` + `add`.
/// </summary>
internal static class CapSenderKey
{
    /// <summary>Smallest RSA key accepted (bits).</summary>
    public const int MinRsaBits = 2048;

    /// <summary>Normalises <paramref name="content"/> to (SubjectPublicKeyInfo PEM, hex SHA-256 of it). Throws <see cref="InvalidOperationException"/> with the reason.</summary>
    public static (string Pem, string Sha256) Normalize(byte[] content)
    {
        using var rsa = Load(content);
        if (rsa.KeySize < MinRsaBits)
        {
            throw new InvalidOperationException(CapCliText.Get("cap.key.too-short", rsa.KeySize, MinRsaBits));
        }

        var spki = rsa.ExportSubjectPublicKeyInfo();
        return (PemEncoding.WriteString("PUBLIC KEY", spki), Convert.ToHexStringLower(SHA256.HashData(spki)));
    }

    /// <summary>The stored key, ready to verify with.</summary>
    public static RSA Import(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static RSA Load(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        try
        {
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var cert = X509Certificate2.CreateFromPem(text);
                return cert.GetRSAPublicKey() ?? throw new InvalidOperationException(CapCliText.Get("cap.key.no-rsa"));
            }

            if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(CapCliText.Get("cap.key.private"));
            }

            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(text);
                return rsa;
            }

            using var der = X509CertificateLoader.LoadCertificate(content);
            return der.GetRSAPublicKey() ?? throw new InvalidOperationException(CapCliText.Get("cap.key.no-rsa"));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(CapCliText.Get("cap.key.unreadable", ex.Message), ex);
        }
    }
}
