using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Media;

/// <summary>Gives the broadcast engine the stored, encoded form of a clip from the media library.</summary>
internal sealed class LibraryMediaPackets(MediaLibrary library) : IMediaPackets
{
    public MediaPackets? OpenPackets(string mediaId)
    {
        var item = library.Get(mediaId);
        var clip = item is null ? null : library.OpenStream(mediaId);
        return clip is null ? null : new MediaPackets(item!.Title, clip.Packets, clip.SampleCount, clip.PreSkip);
    }
}
