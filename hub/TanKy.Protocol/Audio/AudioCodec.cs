namespace TanKy.Protocol.Audio;

/// <summary>Codec id carried in byte 3 of an audio frame message (hub/docs/protocol-audio.md).</summary>
public enum AudioCodec : byte
{
    /// <summary>Opus (RFC 6716), 48 kHz, one packet per frame.</summary>
    Opus = 1,
}
