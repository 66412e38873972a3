using System.Security.Cryptography.X509Certificates;
using Dapper;
using TanKy.Hub.Broker;

using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MosquittoConfigExporterTests : IDisposable
{
    private readonly TempDataDir _data = new();
    private readonly TempDataDir _out = new();

    public MosquittoConfigExporterTests()
    {
        using var db = _data.Db.Open();
        db.Execute("INSERT INTO zones(id, name, created_at) VALUES ('z1', 'Khối 1', 0), ('z2', 'Khối 2', 0)");
        db.Execute("INSERT INTO devices(id, kind, name, secret_hash, secret_set_at, created_at) VALUES ('spk-1', 'speaker', 'a', @h1, 0, 0), ('ap-1', 'wifi-ap', 'b', @h2, 0, 0), ('tanky-hub-x', 'speaker', 'c', @h1, 0, 0)",
            new { h1 = SecretHasher.Hash("s1", 1000), h2 = SecretHasher.Hash("s2", 1000) });
        db.Execute("INSERT INTO device_zones(device_id, zone_id) VALUES ('spk-1', 'z1'), ('spk-1', 'z2')");
    }

    private HubOptions Hub => new() { Site = "tan-ky", DataDir = _data.Path };

    [Fact]
    public void Writes_passwd_acl_conf_and_a_private_credentials_file()
    {
        var result = MosquittoConfigExporter.Export(_data.Db, Hub, new BrokerOptions { Port = 18830, BindAddress = "0.0.0.0", MaxPacketSize = 32768, MaxConnections = 100 }, _out.Path);

        result.Devices.Should().Be(2);
        result.SkippedDevices.Should().Equal("tanky-hub-x");
        result.ToolsAccount.Should().BeFalse();
        result.Tls.Should().BeFalse();

        using var db = _data.Db.Open();
        var stored = db.Query<(string Id, string Hash)>("SELECT id, secret_hash FROM devices").ToDictionary(r => r.Id, r => r.Hash);
        var passwd = File.ReadAllLines(result.PasswordFile);
        passwd.Should().Contain($"spk-1:{stored["spk-1"]}").And.Contain($"ap-1:{stored["ap-1"]}");
        passwd.Should().NotContain(l => l.StartsWith("tanky-hub-x:", StringComparison.Ordinal));
        var hubLine = passwd.Single(l => l.StartsWith("tanky-hub:", StringComparison.Ordinal));
        var credentials = ExternalBrokerCredentials.Read(result.CredentialsFile);
        credentials.UserName.Should().Be("tanky-hub");
        SecretHasher.Verify(credentials.Password, hubLine["tanky-hub:".Length..]).Should().BeTrue();
        result.CredentialsFile.Should().Be(Path.Combine(_data.Path, "external-broker.json"));
        File.GetUnixFileMode(result.CredentialsFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(result.PasswordFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var acl = File.ReadAllText(result.AclFile);
        acl.Should().Contain("user tanky-hub\ntopic readwrite tanky/v1/tan-ky/#\n");
        acl.Should().Contain("user spk-1\ntopic read tanky/v1/tan-ky/stream/+\ntopic read tanky/v1/tan-ky/hub/state\ntopic read tanky/v1/tan-ky/zone/z1/play\ntopic read tanky/v1/tan-ky/zone/z2/play\n");
        acl.Should().Contain("pattern write tanky/v1/tan-ky/dev/%u/state\n").And.Contain("pattern read tanky/v1/tan-ky/dev/%u/time/reply\n");
        acl.Should().NotContain("user tools");

        var conf = File.ReadAllText(result.ConfigFile);
        conf.Should().Contain("allow_anonymous false\n").And.Contain("per_listener_settings false\n")
            .And.Contain($"password_file {result.PasswordFile}\n").And.Contain($"acl_file {result.AclFile}\n")
            .And.Contain("persistence true\n").And.Contain($"persistence_location {result.PersistenceDir}\n")
            .And.Contain("max_packet_size 32768\n")
            .And.Contain("listener 18830 0.0.0.0\nmax_connections 102\nuse_username_as_clientid true\n");
        Directory.Exists(result.PersistenceDir).Should().BeTrue();
    }

    [Fact]
    public void Every_export_renews_the_hub_password()
    {
        var first = MosquittoConfigExporter.Export(_data.Db, Hub, new BrokerOptions(), _out.Path);
        var one = ExternalBrokerCredentials.Read(first.CredentialsFile).Password;
        var second = MosquittoConfigExporter.Export(_data.Db, Hub, new BrokerOptions(), _out.Path);

        ExternalBrokerCredentials.Read(second.CredentialsFile).Password.Should().NotBe(one);
        File.ReadAllText(second.ConfigFile).Should().NotContain(one);
    }

    [Fact]
    public void Tools_account_is_exported_read_only()
    {
        var hash = SecretHasher.Hash("tech", 1000);
        var result = MosquittoConfigExporter.Export(_data.Db, Hub, new BrokerOptions { Tools = { Enabled = true, PasswordHash = hash } }, _out.Path);

        result.ToolsAccount.Should().BeTrue();
        File.ReadAllLines(result.PasswordFile).Should().Contain($"tools:{hash}");
        File.ReadAllText(result.AclFile).Should().Contain("user tools\ntopic read tanky/v1/tan-ky/#\n");
    }

    [Fact]
    public void Pfx_certificate_is_converted_to_pem_files_for_mosquitto()
    {
        using var certs = new TestCertificates(_out.Path);
        var broker = new BrokerOptions { Tls = { Enabled = true, Port = 18883, CertificateFile = certs.PfxFile, CertificatePassword = TestCertificates.PfxPassword } };

        var result = MosquittoConfigExporter.Export(_data.Db, Hub, broker, _out.Path);

        var certFile = Path.Combine(_out.Path, "tls-cert.pem");
        var keyFile = Path.Combine(_out.Path, "tls-key.pem");
        result.Tls.Should().BeTrue();
        File.ReadAllText(result.ConfigFile).Should().Contain($"listener 18883 127.0.0.1\n").And.Contain($"certfile {certFile}\nkeyfile {keyFile}\n");
        File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var roundTrip = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        roundTrip.GetCertHashString().Should().Be(certs.Certificate.GetCertHashString());
        roundTrip.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void Combined_pem_certificate_is_used_as_is()
    {
        using var certs = new TestCertificates(_out.Path);
        var broker = new BrokerOptions { Tls = { Enabled = true, CertificateFile = certs.CombinedPemFile } };

        var result = MosquittoConfigExporter.Export(_data.Db, Hub, broker, _out.Path);

        File.ReadAllText(result.ConfigFile).Should().Contain($"certfile {certs.CombinedPemFile}\nkeyfile {certs.CombinedPemFile}\n");
    }

    public void Dispose()
    {
        _out.Dispose();
        _data.Dispose();
    }
}
