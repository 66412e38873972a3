namespace TanKy.Hub.Media;

/// <summary>What the bytes are, judged by content.</summary>
internal enum AudioContainer
{
    Wav,
    Mpeg,
}
