using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Checks a play request at the edge: zones that exist, media that exists and has audio, a volume
/// in range; for a relay, a registered source, a class below emergency, a sensible duration.
/// </summary>
internal sealed class BroadcastValidator(ZoneRegistry zones, IMediaPackets media, IRelaySources? sources = null)
{
    public const int MaxZones = 200;

    /// <summary>The longest relay one request may ask for (a relay without duration runs until stopped).</summary>
    public static readonly TimeSpan MaxRelayDuration = TimeSpan.FromHours(24);

    public (IReadOnlyList<string> Zones, MediaPackets Media) Validate(BroadcastRequest request)
    {
        var targets = ValidateCommon(request);
        var ids = request.Playlist is { Count: > 0 } list ? list : [request.MediaId];
        if (ids.Count > 20)
        {
            throw new BroadcastRequestException("rules2.bc.playlist-max", 20);
        }

        var parts = ids.Select(Open).ToList();
        var clip = Playlist.Compose(parts, request.Repeat, request.RepeatGap);
        if (request.Title is not null)
        {
            clip = clip with { Title = request.Title };
        }

        return (targets, clip);
    }

    /// <summary>A relay request: its zones, the registered source and the fallback clip (null when none was named).</summary>
    public (IReadOnlyList<string> Zones, RelaySource Source, MediaPackets? Fallback) ValidateRelay(BroadcastRequest request)
    {
        var relay = request.Relay ?? throw new ArgumentException("not a relay request", nameof(request));
        var targets = ValidateCommon(request);
        if (request.Class == BulletinClass.Emergency)
        {
            throw new BroadcastRequestException("relayair.bc.emergency");
        }

        var source = string.IsNullOrWhiteSpace(relay.SourceId) || relay.SourceId.Length > 128 ? null : sources?.Find(relay.SourceId);
        if (source is null)
        {
            throw new BroadcastRequestException("relayair.bc.unknown-source", relay.SourceId);
        }

        if (relay.Duration is { } d && (d <= TimeSpan.Zero || d > MaxRelayDuration))
        {
            throw new BroadcastRequestException("relayair.bc.duration", (int)MaxRelayDuration.TotalHours);
        }

        return (targets, source, relay.FallbackMediaId is { } id ? Open(id) : null);
    }

    private List<string> ValidateCommon(BroadcastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var targets = (request.Zones ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count == 0)
        {
            throw new BroadcastRequestException("rules2.bc.no-zone");
        }

        if (targets.Count > MaxZones)
        {
            throw new BroadcastRequestException("rules2.bc.too-many-zones", targets.Count, MaxZones);
        }

        var unknown = targets.Where(z => !Identifiers.IsValid(z) || !zones.Exists(z)).ToList();
        if (unknown.Count > 0)
        {
            throw new BroadcastRequestException("rules2.bc.unknown-zones", string.Join(", ", unknown));
        }

        if (request.Volume is < 0 or > 100)
        {
            throw new BroadcastRequestException("rules2.bc.volume", request.Volume);
        }

        if (string.IsNullOrWhiteSpace(request.Operator) || string.IsNullOrWhiteSpace(request.Source))
        {
            throw new BroadcastRequestException("rules2.bc.operator-source");
        }

        if (request.Repeat is < 1 or > 20 || request.RepeatGap < TimeSpan.Zero || request.RepeatGap > TimeSpan.FromMinutes(10))
        {
            throw new BroadcastRequestException("rules2.bc.repeat");
        }

        if (request.StreamId is { } streamId && !Identifiers.IsValid(streamId))
        {
            throw new BroadcastRequestException("rules2.bc.stream-id", streamId);
        }

        return targets;
    }

    private MediaPackets Open(string id)
    {
        var clip = string.IsNullOrWhiteSpace(id) || id.Length > 128 ? null : media.OpenPackets(id);
        if (clip is null)
        {
            throw new BroadcastRequestException("rules2.bc.unknown-media", id);
        }

        return clip.Packets.Count == 0 ? throw new BroadcastRequestException("rules2.bc.no-audio", id) : clip;
    }
}
