using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>Telemetry of an online session, numbered per boot: only sent messages use up a number.</summary>
internal sealed class TelemetryLoop
{
    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeDesiredState _desired;
    private readonly TelemetrySource _source;
    private long _seq;

    public TelemetryLoop(NodeContext node, NodeLink link, NodeDesiredState desired)
    {
        (_node, _link, _desired) = (node, link, desired);
        _source = new TelemetrySource(node.Options.Kind);
    }

    /// <summary>Messages sent in this boot, so also the seq of the next one.</summary>
    public long Sent => Interlocked.Read(ref _seq);

    /// <summary>A new boot: numbering and counters start over.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _seq, 0);
        _source.Reset();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var options = _node.Options;
        while (!ct.IsCancellationRequested)
        {
            var seq = Interlocked.Read(ref _seq);
            var message = new TelemetryMessage
            {
                V = ProtocolConstants.Version,
                Seq = seq,
                Ts = _node.NowMs(),
                Interval = options.WireInterval,
                Metrics = Kinds.KindFirmware.WithKindMetrics(options.Kind, _source.Sample(options.Time.GetUtcNow() - _node.BootedAt, _desired.AppliedState), _desired.AppliedState, options.Time.GetUtcNow()),
            };
            if (await _link.PublishAsync(_node.Topics.Telemetry(_node.DeviceId), ProtocolJson.Serialize(message), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ct))
            {
                // Only sent messages use up a number, so seq gaps mean loss in transit.
                Interlocked.Increment(ref _seq);
                _node.Raise(NodeActivityKind.TelemetrySent, seq: seq);
            }

            await Task.Delay(options.TelemetryInterval, options.Time, ct);
        }
    }
}
