namespace TanKy.Protocol.Audio;

/// <summary>
/// Byte 4 of an audio frame message. Undefined bits are reserved: the hub sends them as 0 and
/// nodes ignore them, so a later hub can add a hint without breaking older nodes.
/// </summary>
[Flags]
public enum AudioFrameFlags : byte
{
    None = 0,

    /// <summary>
    /// The last frames of the broadcast: a node plays them and releases the stream at once
    /// instead of waiting for the 1 s idle timeout.
    /// </summary>
    EndOfStream = 1,
}
