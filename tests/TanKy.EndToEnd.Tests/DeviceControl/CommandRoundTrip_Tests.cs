using System.Text.Json;
using MQTTnet;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Devices;

namespace TanKy.EndToEnd.Tests.DeviceControl;

/// <summary>Every command type, through the HTTP API, the real broker and simulated devices, and back.</summary>
public sealed class CommandRoundTrip_Tests : IAsyncLifetime
{
    private ControlCommune _k = null!;

    public async Task InitializeAsync() => _k = await ControlCommune.StartAsync();

    public async Task DisposeAsync() => await _k.DisposeAsync();

    [Theory]
    [InlineData("loa-khoi-1-a")]
    [InlineData("wifi-khoi-1")]
    [InlineData("cam-khoi-1")]
    [InlineData("led-khoi-1")]
    public async Task Ping_round_trips_to_every_kind(string id)
    {
        await _k.StartAsync(id);

        var reply = await _k.CommandAsync(id, "ping");

        reply.GetProperty("status").GetString().Should().Be("ok");
        reply.GetProperty("result").GetProperty("ts").GetInt64().Should().BePositive();
        reply.GetProperty("repliedAt").ValueKind.Should().NotBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_speaker_plays_a_test_tone_and_refuses_it_with_the_amplifier_off()
    {
        await _k.StartAsync("loa-khoi-1-a");

        var tone = await _k.CommandAsync("loa-khoi-1-a", "tone", new { freq_hz = 440, seconds = 2 });
        var version = await _k.SetAsync("loa-khoi-1-a", new { power = false });
        await _k.C.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Online);
        await _k.WaitForReportedAsync("loa-khoi-1-a", version);
        var refused = await _k.CommandAsync("loa-khoi-1-a", "tone");

        tone.GetProperty("status").GetString().Should().Be("ok");
        tone.GetProperty("result").GetProperty("freq_hz").GetInt32().Should().Be(440);
        refused.GetProperty("status").GetString().Should().Be("error");
        refused.GetProperty("error").GetString().Should().Be("amplifier power is off");
    }

    [Fact]
    public async Task A_wifi_ap_reports_whether_it_is_open_by_its_own_clock()
    {
        await _k.StartAsync("wifi-khoi-1");
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var open = $"{local.AddHours(-2):HH:00}-{local.AddHours(2):HH:00}";
        var closed = $"{local.AddHours(2):HH:00}-{local.AddHours(4):HH:00}";

        await _k.WaitForReportedAsync("wifi-khoi-1", await _k.SetAsync("wifi-khoi-1", new { hours = open }));
        var whileOpen = await _k.CommandAsync("wifi-khoi-1", "status");
        await _k.WaitForReportedAsync("wifi-khoi-1", await _k.SetAsync("wifi-khoi-1", new { hours = closed }));
        var whileClosed = await _k.CommandAsync("wifi-khoi-1", "status");

        whileOpen.GetProperty("result").GetProperty("open").GetBoolean().Should().BeTrue(open);
        whileClosed.GetProperty("result").GetProperty("open").GetBoolean().Should().BeFalse(closed);
        whileClosed.GetProperty("result").GetProperty("hours").GetString().Should().Be(closed);
    }

    [Fact]
    public async Task A_camera_snapshot_is_uploaded_by_the_camera_and_stored()
    {
        await _k.StartAsync("cam-khoi-1");

        var reply = await _k.CommandAsync("cam-khoi-1", "snapshot");

        reply.GetProperty("status").GetString().Should().Be("ok", reply.ToString());
        var id = reply.GetProperty("id").GetString();
        var image = await _k.Technician.GetByteArrayAsync($"/api/v1/devices/cam-khoi-1/snapshots/{id}");
        image.Length.Should().Be(reply.GetProperty("result").GetProperty("bytes").GetInt32());
        image[..3].Should().Equal(0xFF, 0xD8, 0xFF);
    }

    [Fact]
    public async Task A_reboot_is_answered_then_the_device_comes_back_with_a_new_boot()
    {
        var node = await _k.StartAsync("led-khoi-1");
        var firstBoot = node.BootId;
        var offline = _k.C.WaitForStatusAsync("led-khoi-1", DeviceStatus.Offline);

        var reply = await _k.CommandAsync("led-khoi-1", "reboot");

        reply.GetProperty("status").GetString().Should().Be("ok");
        await offline;
        await _k.C.WaitForStatusAsync("led-khoi-1", DeviceStatus.Online);
        _k.C.Dir.Devices.Get("led-khoi-1")!.BootId.Should().NotBe(firstBoot);
    }

    [Fact]
    public async Task An_offline_device_never_answers_and_the_command_times_out()
    {
        var reply = await _k.CommandAsync("loa-xom-3-a", "ping", timeout: 1);

        reply.GetProperty("status").GetString().Should().Be("timeout");
        reply.GetProperty("error").GetString().Should().Be("no reply before the command expired");
    }

    [Fact]
    public async Task A_connected_device_that_never_answers_also_times_out()
    {
        // A firmware stuck in its command handler: connected, subscribed, silent.
        using var silent = new MqttClientFactory().CreateMqttClient();
        await silent.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _k.C.Hub.MqttPort)
            .WithClientId("loa-xom-3-a").WithCredentials("loa-xom-3-a", _k.C.Secrets["loa-xom-3-a"]).WithCleanStart(true).Build());
        await silent.SubscribeAsync("tanky/v1/tan-ky/dev/loa-xom-3-a/cmd");

        var reply = await _k.CommandAsync("loa-xom-3-a", "ping", timeout: 1);

        reply.GetProperty("status").GetString().Should().Be("timeout");
    }
}
