using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TanKy.Web.Tests.Https;

/// <summary>
/// A commune CA and the hub's server certificate (localhost, 127.0.0.1, hub.tanky.lan) made in the
/// test the way make-cert.sh makes them, written as the hub reads them: <see cref="CaFile"/> and
/// <see cref="ServerPemFile"/> (certificate + key). <see cref="CaWithKeyFile"/> is a CA file that
/// wrongly also holds the CA's key, to prove the hub never serves it.
/// </summary>
public sealed class LocalCa : IDisposable
{
    public const string LanName = "hub.tanky.lan";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tanky-ca-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalCa()
    {
        Directory.CreateDirectory(_dir);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=TanKy test CA, O=TanKy", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        CaKeyPem = caKey.ExportPkcs8PrivateKeyPem();
        CaPrivateScalar = caKey.ExportParameters(true).D!;

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=tanky-hub", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddDnsName(LanName);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(Ca, now.AddDays(-1), now.AddDays(800), RandomNumberGenerator.GetBytes(12));
        Server = signed.CopyWithPrivateKey(serverKey);

        File.WriteAllText(CaFile, Ca.ExportCertificatePem() + "\n");
        File.WriteAllText(CaWithKeyFile, Ca.ExportCertificatePem() + "\n" + CaKeyPem + "\n");
        File.WriteAllText(ServerPemFile, Server.ExportCertificatePem() + "\n" + serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public string CaKeyPem { get; }

    /// <summary>The CA key's secret number (32 bytes): what must never appear in anything served.</summary>
    public byte[] CaPrivateScalar { get; }

    public string CaFile => Path.Combine(_dir, "ca.crt");

    public string CaWithKeyFile => Path.Combine(_dir, "ca-and-key.pem");

    public string ServerPemFile => Path.Combine(_dir, "hub.pem");

    /// <summary>base64(SHA-256(SubjectPublicKeyInfo)) of the server certificate: what Chromium's --ignore-certificate-errors-spki-list takes.</summary>
    public string ServerSpkiHash => Convert.ToBase64String(SHA256.HashData(Server.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>The hub's settings for HTTP and HTTPS on free loopback ports with this certificate.</summary>
    public Dictionary<string, string> HubSettings(bool redirect = false, bool withKeyInCaFile = false) => new()
    {
        ["Http:Urls"] = "http://127.0.0.1:0;https://127.0.0.1:0",
        ["Http:CertificateFile"] = ServerPemFile,
        ["Http:CaCertificateFile"] = withKeyInCaFile ? CaWithKeyFile : CaFile,
        ["Http:RedirectToHttps"] = redirect ? "true" : "false",
    };

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
