using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broker.Flood;

/// <summary>
/// Issue #14, item 4: a device with a stolen secret floods valid telemetry while another device
/// sends 200 numbered messages. Real hub, real embedded broker, real MQTT clients with the devices'
/// own credentials on 127.0.0.1.
/// </summary>
public sealed class NoisyDevice_Tests
{
    private const string Loud = "loa-khoi-1-a";
    private const string Quiet = "loa-xom-3-a";

    /// <summary>A generous failure guard, not a speed figure (those are in tests/TanKy.Bench, scenario flood).</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_flooding_device_is_dropped_counted_and_alerted_while_every_message_of_a_quiet_device_is_recorded()
    {
        using var dir = new TempDataDir();
        var (loudSecret, quietSecret) = dir.SeedTwoHamlets();
        var logs = new ListLoggerProvider();
        await using var hub = await TestHub.StartAsync(dir.Path, customize: b => b.Logging.AddProvider(logs));
        var metrics = hub.Get<HubMetrics>();
        var alerts = hub.Get<DeviceFloodAlerts>();
        var recorder = hub.Get<TelemetryRecorder>();

        var quietSeqs = new ConcurrentQueue<long>();
        var allRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recorder.Enqueued += (_, e) =>
        {
            if (e.DeviceId == Quiet)
            {
                quietSeqs.Enqueue(e.Seq);
                if (quietSeqs.Count == 200)
                {
                    allRecorded.TrySetResult();
                }
            }
        };
        var alertOpened = new TaskCompletionSource<DeviceFloodAlert>(TaskCreationOptions.RunContinuationsAsynchronously);
        alerts.Opened += (_, a) => alertOpened.TrySetResult(a);

        await using var loud = await TestMqttClient.ConnectAsync(hub.MqttPort, Loud, Loud, loudSecret);
        await using var quiet = await TestMqttClient.ConnectAsync(hub.MqttPort, Quiet, Quiet, quietSecret);
        using var stopFlood = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            long sent = 0;
            while (!stopFlood.IsCancellationRequested)
            {
                await loud.PublishAsync(DevicePayloads.Topic("telemetry", Loud), Telemetry(++sent), qos: 0);
            }

            return sent;
        });

        // The flood has used up the loud device's burst before the quiet device says anything.
        (await alertOpened.Task.WaitAsync(Guard)).DeviceId.Should().Be(Loud);

        for (var seq = 1; seq <= 200; seq++)
        {
            await quiet.PublishAsync(DevicePayloads.Topic("telemetry", Quiet), Telemetry(seq), qos: 0);
            await Task.Delay(5); // the quiet device's own pace (200/s at most), not a wait for anything
        }

        await Task.WhenAny(allRecorded.Task, Task.Delay(Guard));
        await stopFlood.CancelAsync();
        var floodSent = await flood;

        quietSeqs.Order().Should().Equal(Enumerable.Range(1, 200).Select(i => (long)i), "every message of the quiet device reaches the hub's telemetry store, none lost to the flood");
        var dropped = metrics.DeviceDropped(Loud, HubMetrics.DropRateLimit);
        dropped.Should().BeGreaterThan(1_000, $"the loud device sent {floodSent} messages, far over its 200 burst and 20/s");
        metrics.DeviceDrops.Should().OnlyContain(d => d.DeviceId == Loud, "only the flooding device loses messages");
        metrics.HubQueueDropped.Should().Be(0, "the broker's queue to the hub never overflowed");

        var scrape = await hub.Http.GetStringAsync("/metrics");
        var line = scrape.Split('\n').Single(l => l.StartsWith($"tanky_device_messages_dropped_total{{device=\"{Loud}\",reason=\"rate_limit\"}}", StringComparison.Ordinal));
        double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture).Should().BeGreaterThan(1_000);
        scrape.Should().NotContain($"device=\"{Quiet}\"");
        scrape.Should().Contain("tanky_device_flood_alerts_open 1");
        alerts.Open().Should().ContainSingle().Which.DeviceId.Should().Be(Loud);
        logs.Lines.Should().Contain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"Flood alert: device {Loud}", StringComparison.Ordinal));

        recorder.Flush();
        using var c = dir.Db.Open();
        var (lastSeq, gaps) = c.QuerySingle<(long, long)>("SELECT seq, gaps FROM telemetry_latest WHERE device_id = @Quiet", new { Quiet });
        lastSeq.Should().Be(200);
        gaps.Should().Be(0, "the hub saw no gap in the quiet device's sequence numbers");
    }

    private static string Telemetry(long seq) => "{\"v\":1,\"seq\":" + seq.ToString(CultureInfo.InvariantCulture) + ",\"ts\":1,\"metrics\":{\"rssi\":-60}}";
}
