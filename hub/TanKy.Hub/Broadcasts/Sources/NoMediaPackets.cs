namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// Default until the media library is registered: knows no clip, so every broadcast request is
/// refused with "unknown media" instead of the hub failing to start.
/// </summary>
internal sealed class NoMediaPackets : IMediaPackets
{
    public MediaPackets? OpenPackets(string mediaId) => null;
}
