namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// What broadcasting needs from the media library: the stream form of one clip. Kept this small
/// so the library can be merged behind it without broadcasting knowing how clips are stored.
/// </summary>
public interface IMediaPackets
{
    /// <summary>The clip's packets, or null when no clip has that id.</summary>
    MediaPackets? OpenPackets(string mediaId);
}
