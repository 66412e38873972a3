using System.Text.Json.Nodes;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Cache;
using TanKy.DeviceSim.Node;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// A speaker node on a driven clock without MQTT: the simulator's own player, programme cache
/// (<see cref="NodeCache"/>, plays airings through <see cref="CachedAiringPlayback"/>) and event
/// outbox (<see cref="EventOutbox"/>), wired as <see cref="SimulatedNode"/> wires them — play
/// orders of its desired zones and frames to the player, frames of an airing the cache plays ignored,
/// the desired <c>cache</c> to the cache, its state back as <c>reported</c>, playback events
/// through the outbox — with a link the test cuts and restores. Clip files come from
/// <c>cacheFiles</c> instead of an HTTP download.
/// </summary>
internal sealed class DrivenNode : IDisposable
{
    private readonly DrivenAirwaves _air;
    private readonly List<string> _events = [];
    private long? _appliedVersion;

    public DrivenNode(DrivenClock clock, DrivenAirwaves air, string id, TimeSpan offset = default, Func<CacheOrder, byte[]?>? cacheFiles = null)
    {
        _air = air;
        Speaker = new DrivenSpeaker(clock, id, offset);
        Outbox = new EventOutbox(SendEventAsync);
        Speaker.Noticed = n => Outbox.Enqueue(ProtocolJson.Serialize(PlaybackEvents.For(n, Speaker.View.HubNowMicros / 1000)));
        if (cacheFiles is not null)
        {
            Cache = new NodeCache(id, "not-used", Speaker.View, clock.Time, Speaker.Player, Report, (order, _) => Task.FromResult(cacheFiles(order)));
        }

        air.Attach(this);
    }

    public string Id => Speaker.Id;

    /// <summary>The zones of the desired state applied last: like a real speaker, it learns them only over the protocol (§2.3).</summary>
    public IReadOnlyList<string> Zones { get; private set; } = [];

    public DrivenSpeaker Speaker { get; }

    public NodeCache? Cache { get; }

    public EventOutbox Outbox { get; }

    public bool LinkUp { get; private set; } = true;

    /// <summary>Event types the hub has received from this node, in order.</summary>
    public IReadOnlyList<string> EventsSent => _events;

    /// <summary>The cache's report as last sent to the hub.</summary>
    public JsonObject? LastReported { get; private set; }

    /// <summary>The link goes down: the node hears nothing and sends nothing; a playing stream is held.</summary>
    public void CutLink()
    {
        LinkUp = false;
        Speaker.Player.OnLinkDown();
    }

    /// <summary>The link is back (a new session): queued events go out, the held stream gets its usual timeout.</summary>
    public void RestoreLink()
    {
        LinkUp = true;
        Speaker.Player.OnLinkUp();
        Outbox.Kick();
    }

    /// <summary>A message the hub published; dropped while the link is cut.</summary>
    public void Hear(AirMessage message)
    {
        if (!LinkUp)
        {
            return;
        }

        var validated = PayloadValidator.Validate(_air.Site, message.Topic, message.Payload);
        if (!validated.IsValid)
        {
            return;
        }

        var subject = validated.Topic.Subject;
        switch (validated.Message)
        {
            case PlayOrderMessage order when Zones.Contains(subject!):
                Speaker.Player.OnOrder(order);
                break;
            case DesiredStateMessage desired when subject == Id && (_appliedVersion is null || desired.Version > _appliedVersion):
                _appliedVersion = desired.Version;
                Zones = desired.State["zones"] is JsonArray zones ? [.. zones.Select(z => z!.GetValue<string>())] : [];
                Cache?.OnDesired(desired.State["cache"]);
                Report();
                break;
            case null when validated.Topic.Kind == TopicKind.Stream && Cache?.PlaysFromCache(subject!) != true:
                // An airing already playing from the cache ignores the live frames of the same stream (protocol.md §4.11 rule 4).
                Speaker.Player.OnFrames(subject!, message.Payload);
                break;
            default:
                break;
        }
    }

    public void Dispose()
    {
        Cache?.Dispose();
        Speaker.Dispose();
    }

    private void Report()
    {
        if (Cache is null || !LinkUp)
        {
            return;
        }

        var state = new JsonObject { ["cache"] = Cache.Report() };
        LastReported = (JsonObject)state.DeepClone();
        var reported = new ReportedStateMessage { V = ProtocolConstants.Version, Version = _appliedVersion ?? 0, State = state };
        _air.FromDevice(Id, TopicKind.Reported, ProtocolJson.Serialize(reported));
    }

    private Task<bool> SendEventAsync(byte[] payload)
    {
        if (!LinkUp)
        {
            return Task.FromResult(false);
        }

        _events.Add(((EventMessage)PayloadValidator.Validate(_air.Site, new Topics(_air.Site).Event(Id), payload).Message!).Type);
        _air.FromDevice(Id, TopicKind.Event, payload);
        return Task.FromResult(true);
    }
}
