using System.Diagnostics;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Deploy;

/// <summary>
/// hub/deploy/install.sh in its --root dry-run mode (no root, no systemd): first install, an
/// upgrade that keeps data and configuration, and a failed upgrade that rolls back. The
/// "releases" run the real tanky-hub CLI built with the tests.
/// </summary>
public sealed class InstallScript_Tests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "tanky-install-" + Guid.NewGuid().ToString("N")[..10]);

    public InstallScript_Tests()
    {
        Directory.CreateDirectory(_work);
        Root = Path.Combine(_work, "root");
    }

    private string Root { get; }

    private string DataDir => Path.Combine(Root, "var/lib/tanky");

    private string Opt => Path.Combine(Root, "opt/tanky");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Install_then_upgrade_keeps_data_and_config_and_a_failed_upgrade_rolls_back()
    {
        // The health check asks the installed 'current' binary to read the data directory, as the hub would at start.
        var health = $"\"{Opt}/current/bin/tanky-hub\" zones list --data-dir \"{DataDir}\"";

        var first = await Install(Release("1.0.0"), health);
        first.Code.Should().Be(0, first.Output);
        Link().Should().Be("1.0.0");
        File.Exists(Path.Combine(Root, "etc/systemd/system/tanky-hub.service")).Should().BeTrue();
        var config = Path.Combine(Root, "etc/tanky/appsettings.json");
        File.ReadAllText(config).Should().Contain("\"Broker\"");

        // The field broker is Mosquitto: External mode, its conf.d file with the limits, the users
        // and ACL the hub keeps in step, the reload path unit and the descriptor limit drop-in.
        var sync = Path.Combine(Root, "var/lib/tanky-mosquitto");
        File.ReadAllText(config).Should().Contain("\"Mode\": \"External\"").And.Contain(sync);
        var mosquittoConf = File.ReadAllText(Path.Combine(Root, "etc/mosquitto/conf.d/tanky.conf"));
        mosquittoConf.Should().Contain($"password_file {sync}/passwd").And.Contain($"acl_file {sync}/acl")
            .And.Contain("max_connections 5002").And.Contain("max_packet_size 65536").And.Contain("max_queued_messages 1000")
            .And.Contain("memory_limit 209715200").And.NotContain("persistence_location");
        File.ReadAllText(Path.Combine(sync, "passwd")).Should().StartWith("tanky-hub:$7$");
        File.Exists(Path.Combine(DataDir, "external-broker.json")).Should().BeTrue("the first sync makes the hub's broker password");
        File.GetUnixFileMode(sync).Should().HaveFlag(UnixFileMode.SetGroup);
        File.Exists(Path.Combine(Root, "etc/systemd/system/tanky-mosquitto-reload.path")).Should().BeTrue();
        File.ReadAllText(Path.Combine(Root, "etc/systemd/system/mosquitto.service.d/tanky.conf")).Should().Contain("LimitNOFILE=");
        first.Output.Should().Contain("systemctl enable --now tanky-mosquitto-reload.path").And.Contain("systemctl restart mosquitto.service");

        // No real certificate configured: a local CA and server certificate, and HTTPS in the config.
        var tls = Path.Combine(Root, "etc/tanky/tls");
        File.ReadAllText(config).Should().Contain("https://*:8443").And.Contain($"\"CertificateFile\": \"{tls}/hub.pem\"")
            .And.Contain($"\"CaCertificateFile\": \"{tls}/ca.crt\"").And.Contain("\"RedirectToHttps\": true");
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(config)).RootElement.GetProperty("Http").GetProperty("Urls").GetString()
            .Should().Be("http://*:8080;https://*:8443");
        File.Exists(Path.Combine(tls, "hub.pem")).Should().BeTrue();
        File.GetUnixFileMode(Path.Combine(tls, "ca.key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // The commune's data and the technician's configuration edits, then an upgrade from a tarball.
        var db = new Database(DataDir);
        new ZoneRegistry(db, TimeProvider.System).Add("khoi-1", "Khối 1");
        File.WriteAllText(Path.Combine(DataDir, "media.bin"), "clip");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"tan-ky\"", "\"tan-ky-test\"", StringComparison.Ordinal));

        var second = await Install(Tarball(Release("2.0.0")), health);
        second.Code.Should().Be(0, second.Output);
        Link().Should().Be("2.0.0");
        Directory.Exists(Path.Combine(Opt, "1.0.0")).Should().BeTrue("the previous version stays for a manual rollback");
        new ZoneRegistry(db, TimeProvider.System).Exists("khoi-1").Should().BeTrue();
        File.ReadAllText(config).Should().Contain("tan-ky-test", "the configuration is never overwritten");
        Directory.GetFiles(Path.Combine(Root, "var/backups/tanky"), "pre-upgrade-1.0.0-to-2.0.0-*.tar.gz").Should().ContainSingle();

        // 3.0.0 runs (--version) but breaks the database and fails its health check.
        var third = await Install(Release("3.0.0", broken: true), health);
        third.Code.Should().Be(1, third.Output);
        third.Output.Should().Contain("rolling back to 2.0.0");
        Link().Should().Be("2.0.0");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        new ZoneRegistry(new Database(DataDir), TimeProvider.System).Exists("khoi-1").Should().BeTrue("the database came back from the pre-upgrade backup");
        File.ReadAllText(Path.Combine(DataDir, "media.bin")).Should().Be("clip", "a rollback replaces only the database");
        Directory.Exists(Path.Combine(Opt, "3.0.0")).Should().BeTrue("the failed version stays for diagnosis");
    }

    [Fact]
    public async Task Broker_embedded_keeps_the_embedded_broker_and_leaves_mosquitto_alone()
    {
        var result = await Install(Release("1.0.0"), "true", "--broker", "embedded");

        result.Code.Should().Be(0, result.Output);
        File.ReadAllText(Path.Combine(Root, "etc/tanky/appsettings.json")).Should().Contain("\"Mode\": \"Embedded\"");
        File.Exists(Path.Combine(Root, "etc/mosquitto/conf.d/tanky.conf")).Should().BeFalse();
        Directory.Exists(Path.Combine(Root, "var/lib/tanky-mosquitto")).Should().BeFalse();
        result.Output.Should().NotContain("mosquitto");
    }

    [Fact]
    public async Task A_release_whose_binary_does_not_run_here_changes_nothing()
    {
        var release = Release("9.0.0");
        File.WriteAllText(Path.Combine(release, "bin/tanky-hub"), "#!/bin/sh\nexit 126\n");

        var result = await Install(release, "true");

        result.Code.Should().Be(1);
        result.Output.Should().Contain("does not run here");
        Directory.Exists(Opt).Should().BeFalse();
    }

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify_and_its_exposure_stays_at_most_2()
    {
        // verify wants ExecStart to exist: the copy starts /bin/true, everything else is the shipped unit.
        var unit = Path.Combine(_work, "tanky-hub.service");
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "hub/deploy/tanky-hub.service"));
        text.Should().Contain("ExecStart=/opt/tanky/current/bin/tanky-hub run");
        File.WriteAllText(unit, text.Replace("ExecStart=/opt/tanky/current/bin/tanky-hub run", "ExecStart=/bin/true", StringComparison.Ordinal));

        var verify = await Run("systemd-analyze", ["verify", unit]);
        verify.Code.Should().Be(0, verify.Output);
        verify.Output.Should().BeEmpty("systemd-analyze prints every problem it finds");

        // --threshold is ten times the exposure score: 20 = 2.0 ("OK"; 10 would be an unprotected service).
        var security = await Run("systemd-analyze", ["security", "--offline=true", "--threshold=20", unit]);
        security.Code.Should().Be(0, security.Output);
        security.Output.Should().Contain("Overall exposure level for tanky-hub.service");
    }

    [Fact]
    public async Task The_mosquitto_reload_path_unit_passes_systemd_analyze_verify()
    {
        var path = Path.Combine(_work, "tanky-mosquitto-reload.path");
        var service = Path.Combine(_work, "tanky-mosquitto-reload.service");
        File.Copy(Path.Combine(RepoRoot(), "hub/deploy/tanky-mosquitto-reload.path"), path);
        File.Copy(Path.Combine(RepoRoot(), "hub/deploy/tanky-mosquitto-reload.service"), service);
        File.ReadAllText(path).Should().Contain("PathChanged=/var/lib/tanky-mosquitto/passwd").And.Contain("PathChanged=/var/lib/tanky-mosquitto/acl");

        var verify = await Run("systemd-analyze", ["verify", path, service]);
        verify.Code.Should().Be(0, verify.Output);
        verify.Output.Should().BeEmpty("systemd-analyze prints every problem it finds");
    }

    private static async Task<(int Code, string Output)> Run(string command, string[] args, Dictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private string Link() => Path.GetFileName(new FileInfo(Path.Combine(Opt, "current")).LinkTarget!);

    /// <summary>A release folder like publish.sh makes, whose tanky-hub runs the CLI built with the tests.</summary>
    private string Release(string version, bool broken = false)
    {
        var tree = Path.Combine(_work, "tanky-" + version + "-linux-x64");
        Directory.CreateDirectory(Path.Combine(tree, "bin"));
        Directory.CreateDirectory(Path.Combine(tree, "deploy"));
        var dll = Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll");
        var script = broken
            ? $"#!/bin/sh\n[ \"$1\" = --version ] && {{ echo {version}; exit 0; }}\nprintf garbage > \"{DataDir}/tanky.db\"\nexit 1\n"
            : $"#!/bin/sh\nexec dotnet \"{dll}\" \"$@\"\n";
        var exe = Path.Combine(tree, "bin/tanky-hub");
        File.WriteAllText(exe, script);
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.WriteAllText(Path.Combine(tree, "VERSION"), version + "\n");
        foreach (var unit in new[] { "tanky-hub.service", "make-cert.sh", "tanky-mosquitto-reload.path", "tanky-mosquitto-reload.service", "mosquitto-tanky.conf" })
        {
            File.Copy(Path.Combine(RepoRoot(), "hub/deploy", unit), Path.Combine(tree, "deploy", unit));
        }

        File.Copy(Path.Combine(RepoRoot(), "hub/TanKy.Hub/appsettings.json"), Path.Combine(tree, "deploy/appsettings.sample.json"));
        return tree;
    }

    private static string Tarball(string tree)
    {
        var file = tree + ".tar.gz";
        using var p = Process.Start("tar", ["-C", Path.GetDirectoryName(tree)!, "-czf", file, Path.GetFileName(tree)])!;
        p.WaitForExit();
        p.ExitCode.Should().Be(0);
        Directory.Delete(tree, recursive: true);
        return file;
    }

    private Task<(int Code, string Output)> Install(string release, string healthCommand, params string[] options) =>
        Run("bash", [Path.Combine(RepoRoot(), "hub/deploy/install.sh"), "--root", Root, .. options, release],
            new() { ["HEALTH_CMD"] = healthCommand, ["HEALTH_TIMEOUT"] = "1", ["SYSTEMCTL"] = null });

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
