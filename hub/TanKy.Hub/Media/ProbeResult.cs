namespace TanKy.Hub.Media;

/// <summary>Header validation outcome: either the audio to decode or why it is refused.</summary>
internal sealed record ProbeResult(ProbedAudio? Audio, MediaRejection? Rejection)
{
    public static implicit operator ProbeResult(ProbedAudio audio) => new(audio, null);

    public static implicit operator ProbeResult(MediaRejection rejection) => new(null, rejection);
}
