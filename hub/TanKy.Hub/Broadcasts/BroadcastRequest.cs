using TanKy.Hub.Broadcasts.Relay;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// A request to play a stored clip to zones. <paramref name="Operator"/> is who asked (a user
/// name, or <c>schedule</c>, <c>button</c>…); <paramref name="Source"/> is the channel it came
/// through (<c>api</c>, <c>cli</c>, <c>schedule</c>, <c>alert</c>). <paramref name="Policy"/>
/// decides what happens to it after a higher class preempts it (null: the configured default).
/// <paramref name="Playlist"/> plays several clips in one stream instead of <paramref name="MediaId"/>
/// alone (chime, bulletin, chime; siren, message), <paramref name="Repeat"/> times with
/// <paramref name="RepeatGap"/> of silence between. <paramref name="Title"/> overrides the clips' titles.
/// <paramref name="StreamId"/> is the id of its first stream when the caller needs a known one (a
/// scheduled airing's id, which pre-cached nodes know, protocol.md §4.11); later streams get new ids.
/// <paramref name="Relay"/> makes it a relay (tiếp sóng) of a registered source instead of a clip
/// (<paramref name="MediaId"/> may then be empty; classes normal and priority only).
/// </summary>
public sealed record BroadcastRequest(
    string MediaId,
    BulletinClass Class,
    IReadOnlyList<string> Zones,
    string Operator,
    string Source,
    int? Volume = null,
    PreemptionPolicy? Policy = null,
    IReadOnlyList<string>? Playlist = null,
    int Repeat = 1,
    TimeSpan RepeatGap = default,
    string? Title = null,
    string? StreamId = null,
    DateTimeOffset? FirstSoundAt = null,
    RelayContent? Relay = null);
