using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using static TanKy.Hub.Tests.Broker.DevicePayloads;
using Opt = Microsoft.Extensions.Options.Options;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// External mode on a gateway: the running hub (<see cref="MosquittoSyncService"/>) keeps a real
/// Mosquitto 2.0's users and ACL in step with the registry, which the CLI changes from outside.
/// The service's poll runs on a fake clock: each test advances it once and waits for mosquitto's
/// "Reloading config." line, never for a fixed time.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MosquittoSync_Tests : IAsyncLifetime
{
    private const string Reloading = "Reloading config.";

    private readonly TempDataDir _data = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly BrokerOptions _broker = new();
    private HubOptions _hub = null!;
    private MosquittoGateway _gateway = null!;
    private MosquittoSyncService _service = null!;
    private string _secretA = "";
    private string _secretB = "";

    private int Port => _gateway.Port;

    public async Task InitializeAsync()
    {
        _data.Zones.Add("z1", "Xóm 1");
        _data.Zones.Add("z2", "Xóm 2");
        _secretA = _data.Devices.Add(new NewDevice("dev-a", DeviceKind.Speaker, ["z1"], null, null, null, null));
        _secretB = _data.Devices.Add(new NewDevice("dev-b", DeviceKind.Speaker, ["z1"], null, null, null, null));
        _hub = new HubOptions { Site = EmbeddedBrokerHarness.Site, DataDir = _data.Path };
        _service = new MosquittoSyncService(_data.Db, Opt.Create(_hub), Opt.Create(_broker), _clock, NullLogger<MosquittoSyncService>.Instance);
        _gateway = await MosquittoGateway.StartAsync(_hub, _broker, () => _service.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        await _service.DisposeAsync();
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Devices_add_takes_effect_on_the_running_mosquitto_without_an_export()
    {
        var secret = await CliSecretAsync("devices", "add", "--id", "dev-new", "--kind", "speaker", "--zone", "z2");
        var (early, refused) = await TestMqttClient.TryConnectAsync(Port, "dev-new", "dev-new", secret);
        await early.DisposeAsync();
        refused.Should().NotBe(MqttClientConnectResultCode.Success, "mosquitto knows only what the hub wrote, and the hub has not looked yet");

        await HubNoticesAsync();

        await using var device = await TestMqttClient.ConnectAsync(Port, "dev-new", "dev-new", secret);
        device.Client.IsConnected.Should().BeTrue();

        // Its ACL came with it: its own zone's play orders arrive, another zone's do not.
        await using var hub = await TestMqttClient.ConnectAsync(Port, "h", BrokerIdentities.HubUserName, HubPassword());
        await device.SubscribeAsync(Root + "/zone/+/play");
        await device.SubscribeAsync(Topic("cmd", "dev-new"));
        await hub.PublishAsync(Root + "/zone/z1/play", """{"v":1,"op":"play","stream":"s1"}""");
        await hub.PublishAsync(Root + "/zone/z2/play", """{"v":1,"op":"play","stream":"s2"}""");
        await hub.PublishAsync(Topic("cmd", "dev-new"), Command);
        (await device.ReceiveUntilAsync(Topic("cmd", "dev-new"))).Select(m => m.Topic).Should().Equal([Root + "/zone/z2/play"]);
    }

    [Fact]
    public async Task Rotate_secret_drops_the_live_session_that_uses_the_old_secret()
    {
        await using var thief = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", _secretA);
        await using var other = await TestMqttClient.ConnectAsync(Port, "dev-b", "dev-b", _secretB);

        var secret = await CliSecretAsync("devices", "rotate-secret", "--id", "dev-a");
        await HubNoticesAsync();

        await thief.Disconnected.WaitAsync(TestMqttClient.Timeout);
        var (again, result) = await TestMqttClient.TryConnectAsync(Port, "dev-a", "dev-a", _secretA);
        await again.DisposeAsync();
        result.Should().BeOneOf(MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized);
        await using var owner = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", secret);

        // Only the rotated device was cut off: a QoS 1 publish acknowledged now proves dev-b's session lived through the reload.
        (await other.PublishAsync(Topic("event", "dev-b"), Event)).ReasonCode.Should().NotBe(MqttClientPublishReasonCode.NotAuthorized);
        other.Disconnected.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Devices_remove_drops_the_live_session_and_refuses_the_device()
    {
        await using var removed = await TestMqttClient.ConnectAsync(Port, "dev-b", "dev-b", _secretB);

        var (code, output) = await HubCliRunner.RunAsync("devices", "remove", "--id", "dev-b", "--data-dir", _data.Path);
        code.Should().Be(0, output);
        await HubNoticesAsync();

        await removed.Disconnected.WaitAsync(TestMqttClient.Timeout);
        var (again, result) = await TestMqttClient.TryConnectAsync(Port, "dev-b", "dev-b", _secretB);
        await again.DisposeAsync();
        result.Should().BeOneOf(MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized);
        File.ReadAllText(Path.Combine(_gateway.SyncDirectory, "acl")).Should().NotContain("dev-b");
    }

    [Fact]
    public async Task An_unchanged_registry_writes_nothing_and_does_not_reload()
    {
        var sync = new MosquittoSync(_data.Db, _hub, _broker, NullLogger.Instance);
        var passwd = Path.Combine(_gateway.SyncDirectory, "passwd");
        var written = File.GetLastWriteTimeUtc(passwd);
        var reloads = _gateway.Mosquitto.CountLog(Reloading);

        sync.SyncIfChanged().Should().BeFalse("the files already match the registry");
        var result = sync.Sync();
        (result.Devices, result.Changed, result.Reloaded).Should().Be((2, false, false));
        File.GetLastWriteTimeUtc(passwd).Should().Be(written);
        _gateway.Mosquitto.CountLog(Reloading).Should().Be(reloads);

        // Secrets stay unreadable to others; Mosquitto reads them through the directory's group.
        File.GetUnixFileMode(passwd).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.ReadAllLines(passwd).Select(l => l.Split(':')[0]).Should().Equal(BrokerIdentities.HubUserName, "dev-a", "dev-b");
        File.ReadAllText(passwd).Should().NotContain(_secretA).And.NotContain(HubPassword());
    }

    /// <summary>Runs a CLI command with --json (as an operator would, in another process than the hub) and returns the secret it printed.</summary>
    private async Task<string> CliSecretAsync(params string[] args)
    {
        var (code, output) = await HubCliRunner.RunAsync([.. args, "--json", "--data-dir", _data.Path]);
        code.Should().Be(0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("secret").GetString()!;
    }

    /// <summary>One poll of the hub's sync service, then mosquitto's reload after its SIGHUP.</summary>
    private async Task HubNoticesAsync()
    {
        var reloads = _gateway.Mosquitto.CountLog(Reloading);
        _clock.Advance(_broker.External.SyncInterval);
        await _gateway.Mosquitto.WaitForLogAsync(Reloading, reloads + 1);
    }

    private string HubPassword() => ExternalBrokerCredentials.Read(Path.Combine(_data.Path, ExternalBrokerCredentials.DefaultFileName)).Password;
}
