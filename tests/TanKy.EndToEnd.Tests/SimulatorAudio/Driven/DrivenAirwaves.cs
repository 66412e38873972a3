using TanKy.Hub.Broker;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>One message the hub published, with the driven-clock time it went out.</summary>
internal sealed record AirMessage(string Topic, byte[] Payload, bool Retain, int Qos, long AtMicros)
{
    public ParsedTopic Parsed => Topics.TryParse(Topic, out var p) ? p : default;
}

/// <summary>
/// The broker's place on a driven clock: the hub's <see cref="IHubMqtt"/> that keeps every
/// publish with its clock time and hands it, on the publishing thread and at that same instant,
/// to every <see cref="DrivenNode"/> subscribed to it (zero network delay, nothing lost; retained
/// messages also to nodes that attach later). Devices'
/// messages go the other way to the hub's <see cref="IDeviceMessageHandler"/>s.
/// </summary>
internal sealed class DrivenAirwaves(DrivenClock clock, string site = "tan-ky") : IHubMqtt
{
    private readonly Lock _gate = new();
    private readonly List<AirMessage> _published = [];
    private readonly Dictionary<string, AirMessage> _retained = new(StringComparer.Ordinal);
    private readonly List<DrivenNode> _nodes = [];
    private readonly List<IDeviceMessageHandler> _hub = [];

    public string Site => site;

    public bool IsConnected => true;

    public IReadOnlyList<AirMessage> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>Messages on <c>stream/{streamId}</c>, in publish order.</summary>
    public IReadOnlyList<AirMessage> StreamMessages(string streamId) =>
        [.. Published.Where(m => m.Parsed is { Kind: TopicKind.Stream } p && p.Subject == streamId)];

    /// <summary>Play and stop orders to <paramref name="zone"/>, in publish order.</summary>
    public IReadOnlyList<AirMessage> Orders(string zone) =>
        [.. Published.Where(m => m.Parsed is { Kind: TopicKind.ZonePlay } p && p.Subject == zone)];

    /// <summary>A node subscribes: like a broker, it first gets the retained messages (its desired state).</summary>
    public void Attach(DrivenNode node)
    {
        AirMessage[] retained;
        lock (_gate)
        {
            _nodes.Add(node);
            retained = [.. _retained.Values];
        }

        foreach (var message in retained)
        {
            node.Hear(message);
        }
    }

    /// <summary>A hub feature that hears devices (delivery tracker, reported-state recorder…).</summary>
    public void Hub(IDeviceMessageHandler handler)
    {
        lock (_gate)
        {
            _hub.Add(handler);
        }
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default)
    {
        var message = new AirMessage(topic, payload.ToArray(), retain, qos, clock.NowMicros);
        DrivenNode[] nodes;
        lock (_gate)
        {
            _published.Add(message);
            nodes = [.. _nodes];
            if (retain)
            {
                _retained[topic] = message;
            }
        }

        foreach (var node in nodes)
        {
            node.Hear(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>A device publishes: the hub's handlers for that kind of message get it at once.</summary>
    public void FromDevice(string deviceId, TopicKind kind, byte[] payload)
    {
        var topic = new Topics(site).Build(kind, deviceId);
        var validated = PayloadValidator.Validate(site, topic, payload);
        validated.IsValid.Should().BeTrue("{0} publishes valid {1} messages: {2}", deviceId, kind, validated.Reason);
        IDeviceMessageHandler[] handlers;
        lock (_gate)
        {
            handlers = [.. _hub.Where(h => h.Handles(kind))];
        }

        var message = new DeviceMessage(validated.Topic, validated.Message, payload, clock.Time.GetUtcNow());
        foreach (var handler in handlers)
        {
            var handled = handler.HandleAsync(message, CancellationToken.None);
            handled.IsCompleted.Should().BeTrue("the hub's {0} records synchronously", handler.GetType().Name);
        }
    }
}
