using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TanKy.Hub.Broker;
using TanKy.Hub.Conformance.Tap;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Protocol.Time;

namespace TanKy.Hub.Conformance.Run;

/// <summary>
/// One run against one device: what the clauses publish (commands, play orders, frames) through
/// the hub's MQTT connection, what they wait for in the device's <see cref="DeviceInbox"/>, and
/// the results they add. Commands go out with the kit's own ids (<c>cf-…</c>), not through the
/// command ledger, because the kit must also send what the hub never would: an unknown op, an
/// expired command.
/// </summary>
internal sealed class RunContext(
    DeviceRecord device,
    string? zone,
    string by,
    DeviceInbox inbox,
    IHubMqtt mqtt,
    Topics topics,
    ConformanceOptions options,
    EpochSource epochs,
    TimeProvider time)
{
    private readonly List<ClauseResult> _results = [];

    public DeviceRecord Device { get; } = device;

    /// <summary>The zone a speaker is tested on (play orders go to <c>zone/{Zone}/play</c>).</summary>
    public string? Zone { get; } = zone;

    public string By { get; } = by;

    public DeviceInbox Inbox { get; } = inbox;

    public ConformanceOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public Topics Topics { get; } = topics;

    public IReadOnlyList<ClauseResult> Results => _results;

    public DateTimeOffset Now => Time.GetUtcNow();

    public long NowMicros => UnixMicros.From(Time.GetUtcNow());

    public void Add(ClauseResult result) => _results.Add(result);

    public static string NewId(string prefix) => prefix + RandomNumberGenerator.GetHexString(16, lowercase: true);

    public uint NextEpoch() => epochs.Next(Now);

    public Task PublishAsync(string topic, byte[] payload, int qos, CancellationToken ct) =>
        mqtt.PublishAsync(topic, payload, retain: false, qos, ct);

    /// <summary>Publishes a command with the kit's own id; returns the id.</summary>
    public async Task<string> SendCommandAsync(string op, DateTimeOffset expires, JsonObject? args, CancellationToken ct)
    {
        var id = NewId("cf-");
        var command = new CommandMessage { V = ProtocolConstants.Version, Id = id, Op = op, Args = args, Expires = expires.ToUnixTimeMilliseconds() };
        await PublishAsync(Topics.Command(Device.Id), ProtocolJson.Serialize(command), 1, ct);
        return id;
    }

    public async Task<(ReplyMessage? Reply, DateTimeOffset At)> WaitReplyAsync(string id, int from, CancellationToken ct)
    {
        var m = await Inbox.WaitAsync(from, x => x.Message is ReplyMessage r && r.Id == id, Options.ReplyTimeout, ct);
        return (m?.Message as ReplyMessage, m?.ReceivedAt ?? Now);
    }

    public async Task<DeviceMessage?> WaitReportedAsync(int from, Func<ReportedStateMessage, bool> match, TimeSpan timeout, CancellationToken ct) =>
        await Inbox.WaitAsync(from, x => x.Message is ReportedStateMessage r && match(r), timeout, ct);

    /// <summary>The last reported state since <paramref name="from"/>, to say what the device did send.</summary>
    public ReportedStateMessage? LastReported(int from)
    {
        var all = Inbox.Since(from, x => x.Message is ReportedStateMessage);
        return all.Count > 0 ? all[^1].Message as ReportedStateMessage : null;
    }

    public async Task<EventMessage?> WaitEventAsync(int from, string stream, IReadOnlyCollection<string> types, TimeSpan timeout, CancellationToken ct)
    {
        var m = await Inbox.WaitAsync(from, x => x.Message is EventMessage e && e.Stream == stream && types.Contains(e.Type), timeout, ct);
        return m?.Message as EventMessage;
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken ct) => delay > TimeSpan.Zero ? Task.Delay(delay, Time, ct) : Task.CompletedTask;

    public bool IsSpeaker => Device.Kind == DeviceKind.Speaker;
}
