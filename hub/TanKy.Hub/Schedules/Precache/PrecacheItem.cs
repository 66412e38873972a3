namespace TanKy.Hub.Schedules.Precache;

/// <summary>
/// One clip a node must hold for one airing (protocol.md §4.11): stream (airing id), media id,
/// sha256 and size of the encoded stream file, play-out time of its first sample (hub clock, µs), download URL.
/// </summary>
internal sealed record PrecacheItem(string Stream, string Media, string Sha256, long Size, long At, string Url);
