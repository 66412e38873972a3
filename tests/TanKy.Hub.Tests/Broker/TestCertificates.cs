using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TanKy.Hub.Tests.Broker;

/// <summary>A throw-away self-signed server certificate for 127.0.0.1, written as PFX and as combined PEM.</summary>
internal sealed class TestCertificates : IDisposable
{
    public const string PfxPassword = "pfx-pass";

    public TestCertificates(string dir)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=tanky-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        PfxFile = Path.Combine(dir, "server.pfx");
        File.WriteAllBytes(PfxFile, Certificate.Export(X509ContentType.Pfx, PfxPassword));
        CertPemFile = Path.Combine(dir, "ca.pem");
        File.WriteAllText(CertPemFile, Certificate.ExportCertificatePem() + "\n");
        CombinedPemFile = Path.Combine(dir, "server.pem");
        File.WriteAllText(CombinedPemFile, Certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public X509Certificate2 Certificate { get; }

    public string PfxFile { get; }

    /// <summary>The certificate alone, for clients to trust (<c>--cafile</c>).</summary>
    public string CertPemFile { get; }

    /// <summary>Certificate and unencrypted key in one PEM file.</summary>
    public string CombinedPemFile { get; }

    public void Dispose() => Certificate.Dispose();
}
