using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>Periodic work of an online session: telemetry, and injected random link losses.</summary>
public sealed partial class SimulatedNode
{
    private async Task TelemetryLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var seq = Interlocked.Read(ref _seq);
            var message = new TelemetryMessage
            {
                V = ProtocolConstants.Version,
                Seq = seq,
                Ts = NowMs(),
                Interval = Options.WireInterval,
                Metrics = Kinds.KindFirmware.WithKindMetrics(Options.Kind, _telemetry.Sample(Options.Time.GetUtcNow() - _bootedAt, AppliedState), AppliedState, Options.Time.GetUtcNow()),
            };
            if (await PublishAsync(_topics.Telemetry(DeviceId), ProtocolJson.Serialize(message), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ct))
            {
                // Only sent messages use up a number, so seq gaps mean loss in transit.
                Interlocked.Increment(ref _seq);
                Raise(NodeActivityKind.TelemetrySent, seq: seq);
            }

            await Task.Delay(Options.TelemetryInterval, Options.Time, ct);
        }
    }

    private async Task RandomLinkLossAsync(TimeSpan mean, CancellationToken ct)
    {
        // Exponential inter-arrival times: link losses as a Poisson process with the given mean.
        var wait = -mean.TotalMilliseconds * Math.Log(1 - Random.Shared.NextDouble());
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait)), Options.Time, ct);
        _socket.Sever();
    }
}
