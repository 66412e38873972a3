namespace TanKy.Hub.Media;

/// <summary>The one format every stored clip is processed and encoded in.</summary>
internal static class MediaFormat
{
    /// <summary>Opus works at 48 kHz internally; resampling once at import keeps the streamer simple.</summary>
    public const int SampleRate = 48000;

    /// <summary>Loudspeakers play one channel: stereo uploads are averaged to mono.</summary>
    public const int Channels = 1;
}
