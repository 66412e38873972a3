using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>Checks a play request at the edge: zones that exist, media that exists and has audio, a volume in range.</summary>
internal sealed class BroadcastValidator(ZoneRegistry zones, IMediaPackets media)
{
    public const int MaxZones = 200;

    public (IReadOnlyList<string> Zones, MediaPackets Media) Validate(BroadcastRequest request)
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
