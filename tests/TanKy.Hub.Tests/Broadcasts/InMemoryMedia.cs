using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Tests.Broadcasts;

/// <summary>Clips encoded once per process from the generated test signal.</summary>
internal sealed class InMemoryMedia : IMediaPackets
{
    private static readonly Lazy<MediaPackets> OneSecondClip = new(() => SignalEncoder.Encode("Thông báo thử 1 giây", TimeSpan.FromSeconds(1)));
    private static readonly Lazy<MediaPackets> TenSecondClip = new(() => SignalEncoder.Encode("Bản tin thử 10 giây", TimeSpan.FromSeconds(10)));

    private readonly Dictionary<string, MediaPackets> _clips = new(StringComparer.Ordinal)
    {
        ["tin-1s"] = OneSecondClip.Value,
        ["tin-10s"] = TenSecondClip.Value,
    };

    public static MediaPackets OneSecond => OneSecondClip.Value;

    public static MediaPackets TenSeconds => TenSecondClip.Value;

    public void Add(string id, MediaPackets clip) => _clips[id] = clip;

    public MediaPackets? OpenPackets(string mediaId) => _clips.GetValueOrDefault(mediaId);
}
