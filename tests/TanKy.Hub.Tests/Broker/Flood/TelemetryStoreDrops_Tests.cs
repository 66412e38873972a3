using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Broker.Flood;

/// <summary>The telemetry store's queue between flushes was the silent loss of issue #14: what it forgets is now counted per device.</summary>
public sealed class TelemetryStoreDrops_Tests
{
    [Fact]
    public void Rows_forgotten_by_a_full_store_queue_are_counted_for_their_device()
    {
        using var dir = new TempDataDir();
        using var metrics = new HubMetrics();
        var recorder = new TelemetryRecorder(dir.Db, Options.Create(new HubOptions()), dir.Time, NullLogger<TelemetryRecorder>.Instance, metrics);

        recorder.Enqueue("quiet", new TelemetryMessage { V = 1, Seq = 1 }, dir.Time.GetUtcNow());
        for (var i = 0; i < TelemetryRecorder.QueueCapacity + 5; i++)
        {
            recorder.Enqueue("loud", new TelemetryMessage { V = 1, Seq = i }, dir.Time.GetUtcNow());
        }

        metrics.DeviceDropped("quiet", HubMetrics.DropTelemetryStore).Should().Be(1);
        metrics.DeviceDropped("loud", HubMetrics.DropTelemetryStore).Should().Be(5);
    }
}
