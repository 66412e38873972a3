namespace TanKy.Hub.Media;

/// <summary>An upload that passed header validation: what to decode and how.</summary>
internal sealed record ProbedAudio(AudioContainer Container, int SampleRate, int Channels, long? FramesFromHeader)
{
    /// <summary>Stored file extension and <c>original_format</c> value.</summary>
    public string Format => Container == AudioContainer.Wav ? "wav" : "mp3";
}
