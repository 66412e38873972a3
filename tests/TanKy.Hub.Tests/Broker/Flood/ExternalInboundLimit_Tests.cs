using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broker;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Broker.Flood;

/// <summary>
/// External mode: the broker (Mosquitto in the field) has no per-device rate limit, so the hub's
/// own connection applies it to what it receives. A real broker with its limit switched off stands
/// in for Mosquitto here; the hub connection runs with Broker:Mode=External.
/// </summary>
public sealed class ExternalInboundLimit_Tests
{
    [Fact]
    public async Task The_hub_connection_limits_each_device_it_receives_and_counts_every_refusal()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.RateLimit.Enabled = false);
        var external = new BrokerOptions { Mode = BrokerMode.External, RateLimit = { MessagesPerSecond = 1, Burst = 50 } };
        var handler = new CountingHandler();

        // The hub connection's clock stands still: its buckets never refill, so the counts are exact.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var alerts = new DeviceFloodAlerts(clock);
        await using var hub = new HubMqttConnection(
            broker.Broker, Options.Create(broker.HubOptions), [handler], broker.Metrics, clock,
            broker.LoggerFactory.CreateLogger<HubMqttConnection>(), Options.Create(external), alerts);
        await hub.StartAsync(CancellationToken.None);
        await hub.WaitConnectedAsync(CancellationToken.None).WaitAsync(TestMqttClient.Timeout);

        await using var loud = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await using var quiet = await TestMqttClient.ConnectAsync(broker.Port, "dev-b", "dev-b", "secret-b");
        for (var i = 0; i < 500; i++)
        {
            await loud.PublishAsync(DevicePayloads.Topic("telemetry", "dev-a"), DevicePayloads.Telemetry);
        }

        for (var i = 0; i < 20; i++)
        {
            await quiet.PublishAsync(DevicePayloads.Topic("event", "dev-b"), DevicePayloads.Event);
        }

        // One connection delivers in order: once the quiet device's 20th event is handled, every loud message was decided.
        await handler.WaitForAsync("dev-b", 20);
        var accepted = handler.Count("dev-a");
        var refused = broker.Metrics.DeviceDropped("dev-a", HubMetrics.DropRateLimit);
        (accepted + refused + broker.Metrics.HubQueueDropped).Should().Be(500, "every loud message was accepted, refused by the limit, or dropped (and counted) by the broker's queue");
        accepted.Should().Be(50, "the burst, and no refill on a clock that stands still");
        refused.Should().BeGreaterThan(0);
        broker.Metrics.DeviceDropped("dev-b", HubMetrics.DropRateLimit).Should().Be(0);
        alerts.Open().Should().ContainSingle().Which.DeviceId.Should().Be("dev-a");
        await hub.StopAsync(CancellationToken.None);
    }

    private sealed class CountingHandler : IDeviceMessageHandler
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _changed = new(0);

        public bool Handles(TopicKind kind) => true;

        public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
        {
            _counts.AddOrUpdate(message.DeviceId, 1, (_, n) => n + 1);
            _changed.Release();
            return ValueTask.CompletedTask;
        }

        public int Count(string device) => _counts.GetValueOrDefault(device);

        public async Task WaitForAsync(string device, int count)
        {
            using var timeout = new CancellationTokenSource(TestMqttClient.Timeout);
            while (Count(device) < count)
            {
                await _changed.WaitAsync(timeout.Token);
            }
        }
    }
}
