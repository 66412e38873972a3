using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace TanKy.Hub.Tests.Deploy;

/// <summary>
/// hub/deploy/make-cert.sh (what install.sh runs when no real certificate is configured) on a
/// temporary folder, checked with openssl itself: the CA signs the server certificate, the names
/// and addresses are in it, the keys are private, and the CA cannot vouch for an Internet name.
/// </summary>
public sealed class LocalCertificate_Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tanky-cert-").FullName;

    private string Tls => Path.Combine(_dir, "tls");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_ca_signs_a_server_certificate_for_the_gateways_names_and_addresses()
    {
        var made = await MakeCert("--names", "hub.tanky.lan, 10.1.2.3");
        made.Code.Should().Be(0, made.Output);
        made.Output.Should().NotContain("PRIVATE KEY", "nothing secret is printed");

        var verify = await Run("openssl", "verify", "-CAfile", File("ca.crt"), File("hub.crt"));
        verify.Code.Should().Be(0, verify.Output);
        verify.Output.Should().EndWith(": OK");

        var san = await Run("openssl", "x509", "-in", File("hub.crt"), "-noout", "-ext", "subjectAltName,extendedKeyUsage");
        san.Output.Should().Contain("DNS:tanky-hub").And.Contain("DNS:tanky-hub.lan").And.Contain("DNS:tanky-hub.local")
            .And.Contain("DNS:hub.tanky.lan").And.Contain("IP Address:192.168.10.2").And.Contain("IP Address:10.1.2.3")
            .And.Contain("IP Address:127.0.0.1").And.Contain("TLS Web Server Authentication")
            .And.NotContain("fd00", "only IPv4 addresses of `hostname -I` are taken");

        // The hub's Http:CertificateFile: certificate and key in one PEM, as Kestrel loads it.
        using var server = X509Certificate2.CreateFromPemFile(File("hub.pem"));
        server.HasPrivateKey.Should().BeTrue();
        server.NotAfter.Should().BeBefore(DateTime.UtcNow.AddDays(826), "Apple refuses server certificates valid for more than 825 days");

        // Only root reads the CA key, only the service's group the server key, and no one else.
        System.IO.File.GetUnixFileMode(File("ca.key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.GetUnixFileMode(File("hub.pem")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        System.IO.File.ReadAllText(File("ca.crt")).Should().NotContain("PRIVATE KEY");
    }

    [Fact]
    public async Task The_ca_cannot_vouch_for_an_internet_name_and_a_second_run_keeps_it()
    {
        (await MakeCert()).Code.Should().Be(0);
        var ca = System.IO.File.ReadAllText(File("ca.crt"));

        // Someone with the CA key signs a certificate for a bank's name: name constraints refuse it.
        var forged = Path.Combine(_dir, "forged");
        (await Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", forged + ".key",
            "-subj", "/CN=www.vietcombank.com.vn", "-addext", "subjectAltName=DNS:www.vietcombank.com.vn",
            "-CA", File("ca.crt"), "-CAkey", File("ca.key"), "-days", "30", "-out", forged + ".crt")).Code.Should().Be(0);
        var verify = await Run("openssl", "verify", "-CAfile", File("ca.crt"), forged + ".crt");
        verify.Code.Should().NotBe(0);
        verify.Output.Should().Contain("permitted subtree violation");

        // Re-running (an upgrade, a new name) keeps the CA the phones already trust.
        var again = await MakeCert("--names", "loa.tanky.lan", "--renew");
        again.Code.Should().Be(0, again.Output);
        System.IO.File.ReadAllText(File("ca.crt")).Should().Be(ca);
        (await Run("openssl", "x509", "-in", File("hub.crt"), "-noout", "-ext", "subjectAltName")).Output.Should().Contain("DNS:loa.tanky.lan");
        (await Run("openssl", "verify", "-CAfile", File("ca.crt"), File("hub.crt"))).Code.Should().Be(0);
    }

    [Fact]
    public async Task A_name_that_is_neither_a_host_name_nor_an_address_is_refused()
    {
        var bad = await MakeCert("--names", "hub;rm -rf /");
        bad.Code.Should().Be(2);
        bad.Output.Should().Contain("neither a DNS name nor an IP address");
        Directory.Exists(Tls).Should().BeFalse("nothing is written on refusal");
    }

    private string File(string name) => Path.Combine(Tls, name);

    private Task<(int Code, string Output)> MakeCert(params string[] extra) =>
        Run("bash", [Path.Combine(RepoRoot(), "hub/deploy/make-cert.sh"), "--dir", Tls, "--group", "none",
            "--hostname", "tanky-hub", "--addresses", "192.168.10.2 fd00::2", .. extra]);

    private static async Task<(int Code, string Output)> Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
