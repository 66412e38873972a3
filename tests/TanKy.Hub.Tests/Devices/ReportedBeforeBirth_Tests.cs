using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Devices;

/// <summary>
/// protocol.md §2.3: a device MUST send its birth first, but retained desired state can reach it
/// before the SUBACK, and a naive firmware then reports before it is born. The hub records that
/// reported anyway — the real hub and broker, a plain MQTT client as the device.
/// </summary>
public sealed class ReportedBeforeBirth_Tests : IAsyncLifetime
{
    private const string Id = "loa-khoi-1-a";
    private readonly TempDataDir _dir = new();
    private readonly IMqttClient _device = new MqttClientFactory().CreateMqttClient();
    private TestHub _hub = null!;
    private string _secret = "";

    public async Task InitializeAsync()
    {
        (_secret, _) = _dir.SeedTwoHamlets();
        _hub = await TestHub.StartAsync(_dir.Path);
    }

    public async Task DisposeAsync()
    {
        _device.Dispose();
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_reported_state_that_comes_before_the_birth_is_recorded_not_dropped()
    {
        var recorded = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub.Get<ReportedStateRecorder>().Recorded += (_, r) =>
        {
            if (r.DeviceId == Id)
            {
                recorded.TrySetResult(r.Version);
            }
        };
        await _device.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _hub.MqttPort)
            .WithClientId(Id)
            .WithCredentials(Id, _secret)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build());

        var reported = new ReportedStateMessage { V = 1, Version = 0, State = new() { ["volume"] = 55 } };
        await _device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"tanky/v1/tan-ky/dev/{Id}/reported")
            .WithPayload(ProtocolJson.Serialize(reported)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());

        (await recorded.Task.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be(0);
        var view = _hub.Get<DeviceStateReader>().Read(Id)!;
        view.Status.Should().NotBe(DeviceStatus.Online, "no birth has been sent");
        view.Reported!.State["volume"]!.GetValue<int>().Should().Be(55);
        _hub.Get<IDevicePresence>().LastSeen(Id).Should().NotBeNull("a reported is a message from the device, birth or not");
    }
}
